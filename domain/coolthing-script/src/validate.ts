// validateScript: the one entry point the editor, the admin API and the planner share.
import type { z } from 'zod';
import type { ScriptError, ScriptWarning } from './issues';
import {
  branchSchema,
  lineSchema,
  roleSchema,
  scriptSchema,
  type Role,
  type Script,
  type ScriptLine,
} from './schema';
import { checkScript, type ScriptView } from './script-checks';

export type ScriptValidation =
  | { ok: true; script: Script; warnings: ScriptWarning[] }
  | { ok: false; errors: ScriptError[]; warnings: ScriptWarning[] };

function schemaErrors(issues: z.ZodError['issues']): ScriptError[] {
  return issues.map((issue) => {
    const [head, index] = issue.path;
    const line = head === 'lines' && typeof index === 'number' ? index + 1 : undefined;
    return {
      code: 'schema',
      path: issue.path.map(String).join('.'),
      ...(line === undefined ? {} : { line }),
      message: issue.message,
    };
  });
}

function field(input: unknown, key: string): unknown {
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[key] : undefined;
}

/**
 * When the schema fails somewhere, keep checking the elements that are fine, so a bad delay on
 * line 2 does not hide an unbalanced brace on line 7.
 */
function salvage(input: unknown): ScriptView {
  const rawRoles = field(input, 'roles');
  const rawLines = field(input, 'lines');
  const rawBranches = field(input, 'branches');
  let roles: Role[] | undefined;
  if (Array.isArray(rawRoles)) {
    const parsed = rawRoles.map((role) => roleSchema.safeParse(role));
    // A broken role hides its index, so "role N is not declared" could be wrong: skip role checks.
    roles = parsed.every((r) => r.success) ? parsed.map((r) => r.data as Role) : undefined;
  }
  return {
    roles,
    lines: Array.isArray(rawLines) ? rawLines.map(salvageLine) : [],
    branches: Array.isArray(rawBranches)
      ? rawBranches.map((branch) => branchSchema.safeParse(branch).data)
      : [],
    complete: false,
  };
}

/** Keeps each field of a broken line that is valid on its own. */
function salvageLine(raw: unknown): Partial<ScriptLine> {
  const whole = lineSchema.safeParse(raw);
  if (whole.success) return whole.data;
  const { role, text, replyTo, variant } = lineSchema.shape;
  const out: Partial<ScriptLine> = {};
  const r = role.safeParse(field(raw, 'role'));
  if (r.success) out.role = r.data;
  const t = text.safeParse(field(raw, 'text'));
  if (t.success) out.text = t.data;
  const p = replyTo.safeParse(field(raw, 'replyTo'));
  if (p.success) out.replyTo = p.data;
  const v = variant.safeParse(field(raw, 'variant'));
  if (v.success && v.data !== undefined) out.variant = v.data;
  return out;
}

/** Checks a script and reports every problem found, each with its path and, when known, line and column. */
export function validateScript(input: unknown): ScriptValidation {
  const parsed = scriptSchema.safeParse(input);
  if (parsed.success) {
    const { errors, warnings } = checkScript({
      roles: parsed.data.roles,
      lines: parsed.data.lines,
      branches: parsed.data.branches ?? [],
      complete: true,
    });
    return errors.length === 0
      ? { ok: true, script: parsed.data, warnings }
      : { ok: false, errors, warnings };
  }
  const { errors, warnings } = checkScript(salvage(input));
  return { ok: false, errors: [...schemaErrors(parsed.error.issues), ...errors], warnings };
}
