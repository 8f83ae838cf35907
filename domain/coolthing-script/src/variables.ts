// The variables a line may use: `{{chat.title}}`, `{{campaign.name}}`, `{{role.N.field}}`,
// `{{random.int MIN MAX}}`. Kept as a closed union so the validator, the renderer and the run
// planner all agree on what exists.

export const ROLE_FIELDS = ['first_name', 'last_name', 'username'] as const;
export type RoleField = (typeof ROLE_FIELDS)[number];

export type Variable =
  | { kind: 'chat.title' }
  | { kind: 'campaign.name' }
  | { kind: 'role'; role: number; field: RoleField }
  | { kind: 'random.int'; min: number; max: number };

/** Upper bound on `{{random.int}}` ranges, so variant counts and numbers stay sensible. */
export const MAX_RANDOM_INT = 1_000_000_000;

export const KNOWN_VARIABLES =
  'chat.title, campaign.name, role.N.first_name, role.N.last_name, role.N.username, random.int MIN MAX';

export type VariableParse =
  | { ok: true; variable: Variable }
  | { ok: false; code: 'unknown_variable' | 'invalid_variable'; message: string };

const ROLE_PATTERN = /^role\.(\d+)\.([a-z_]+)$/;
const INTEGER = /^-?\d+$/;

/** Parses the inside of `{{ ... }}` (already trimmed). */
export function parseVariable(expression: string): VariableParse {
  if (expression === 'chat.title') return { ok: true, variable: { kind: 'chat.title' } };
  if (expression === 'campaign.name') return { ok: true, variable: { kind: 'campaign.name' } };

  const role = ROLE_PATTERN.exec(expression);
  if (role) {
    const index = Number(role[1]);
    const field = ROLE_FIELDS.find((f) => f === role[2]);
    if (!field) {
      return {
        ok: false,
        code: 'unknown_variable',
        message: `unknown role field "${role[2] ?? ''}"; use ${ROLE_FIELDS.join(', ')}`,
      };
    }
    if (index < 1) return { ok: false, code: 'invalid_variable', message: 'role numbers start at 1' };
    return { ok: true, variable: { kind: 'role', role: index, field } };
  }

  const [head, ...args] = expression.split(/\s+/);
  if (head === 'random.int') {
    const [low, high] = args;
    if (
      args.length !== 2 ||
      low === undefined ||
      high === undefined ||
      !INTEGER.test(low) ||
      !INTEGER.test(high)
    ) {
      return {
        ok: false,
        code: 'invalid_variable',
        message: 'random.int needs two integers: {{random.int MIN MAX}}',
      };
    }
    const min = Number(low);
    const max = Number(high);
    if (min > max)
      return {
        ok: false,
        code: 'invalid_variable',
        message: `random.int: MIN (${min}) is greater than MAX (${max})`,
      };
    if (Math.abs(min) > MAX_RANDOM_INT || Math.abs(max) > MAX_RANDOM_INT) {
      return {
        ok: false,
        code: 'invalid_variable',
        message: `random.int bounds must stay within ±${MAX_RANDOM_INT}`,
      };
    }
    return { ok: true, variable: { kind: 'random.int', min, max } };
  }

  return {
    ok: false,
    code: 'unknown_variable',
    message: `unknown variable "${expression}"; known: ${KNOWN_VARIABLES}`,
  };
}

/** The variable's name as the author wrote it, used for placeholders like `[chat.title]`. */
export function variableName(variable: Variable): string {
  switch (variable.kind) {
    case 'chat.title':
    case 'campaign.name':
      return variable.kind;
    case 'role':
      return `role.${variable.role}.${variable.field}`;
    case 'random.int':
      return `random.int ${variable.min} ${variable.max}`;
  }
}
