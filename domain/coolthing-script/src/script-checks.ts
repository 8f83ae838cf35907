// Cross-field rules that a schema cannot express. They run on whatever part of the script
// parsed, so an author sees every problem at once, not one per save.
import type { ScriptError, ScriptWarning } from './issues';
import { words } from './keywords';
import type { Branch, Role, ScriptLine } from './schema';
import { canRenderBlank, collectVariables } from './spintax-analysis';
import { locate, parseSpintax } from './spintax-parser';

/** The parts of a script that passed the schema. */
export interface ScriptView {
  /** Undefined when the roles themselves are broken: role checks are skipped then. */
  roles: readonly Role[] | undefined;
  /** A field is missing when it failed the schema; the rest of the line is still checked. */
  lines: readonly Partial<ScriptLine>[];
  /** `undefined` marks a branch that failed the schema. */
  branches: readonly (Branch | undefined)[];
  /** False when the schema failed somewhere: "role never used" would then be guesswork. */
  complete: boolean;
}

interface Findings {
  errors: ScriptError[];
  warnings: ScriptWarning[];
}

function checkText(
  text: string,
  where: { path: string; line?: number },
  roles: ReadonlySet<number> | undefined,
  errors: ScriptError[],
): Set<number> {
  const parsed = parseSpintax(text);
  for (const e of parsed.errors) {
    const { code, message, offset, length, row, column } = e;
    errors.push({ code, ...where, column, row, offset, length, message });
  }
  const referenced = new Set<number>();
  for (const use of collectVariables(parsed.nodes)) {
    if (use.variable.kind !== 'role') continue;
    referenced.add(use.variable.role);
    if (roles && !roles.has(use.variable.role)) {
      errors.push({
        code: 'missing_role_variable',
        ...where,
        ...locate(text, use.offset),
        offset: use.offset,
        length: use.length,
        message: `role ${use.variable.role} is not declared`,
      });
    }
  }
  if (parsed.errors.length === 0 && canRenderBlank(parsed.nodes)) {
    errors.push({ code: 'blank_text', message: 'some variants of this text are empty', ...where });
  }
  return referenced;
}

function checkRoles(roles: readonly Role[], errors: ScriptError[]): void {
  const seen = new Set<number>();
  roles.forEach((role, i) => {
    if (seen.has(role.index)) {
      errors.push({
        code: 'duplicate_role',
        path: `roles.${i}.index`,
        message: `role ${role.index} is declared twice`,
      });
    }
    seen.add(role.index);
  });
}

function checkLine(
  view: ScriptView,
  i: number,
  roles: ReadonlySet<number> | undefined,
  found: Findings,
  used: Set<number>,
): void {
  const line = view.lines[i];
  if (!line) return;
  const lineNo = i + 1;
  const path = `lines.${i}`;
  if (line.role !== undefined) used.add(line.role);
  if (line.role !== undefined && roles && !roles.has(line.role)) {
    found.errors.push({
      code: 'unknown_role',
      path: `${path}.role`,
      line: lineNo,
      message: `role ${line.role} is not declared`,
    });
  }
  if (line.replyTo?.kind === 'line') {
    const target = line.replyTo.line;
    const at = { path: `${path}.replyTo.line`, line: lineNo };
    if (target > view.lines.length) {
      found.errors.push({
        code: 'reply_to_missing',
        ...at,
        message: `replies to line ${target}, which does not exist`,
      });
    } else if (target >= lineNo) {
      found.errors.push({
        code: 'reply_to_forward',
        ...at,
        message: `replies to line ${target}; a line can only reply to an earlier one`,
      });
    } else {
      const targetVariant = view.lines[target - 1]?.variant;
      if (targetVariant !== undefined && targetVariant !== line.variant) {
        found.errors.push({
          code: 'reply_to_other_variant',
          ...at,
          message: `replies to line ${target} of variant ${targetVariant}, which is not sent when this line is`,
        });
      }
    }
  }
  if (line.text === undefined) return;
  const where = { path: `${path}.text`, line: lineNo };
  for (const role of checkText(line.text, where, roles, found.errors)) used.add(role);
}

function checkBranch(
  view: ScriptView,
  i: number,
  roles: ReadonlySet<number> | undefined,
  found: Findings,
  used: Set<number>,
  ids: Set<string>,
): void {
  const branch = view.branches[i];
  if (!branch) return;
  const path = `branches.${i}`;
  used.add(branch.role);
  if (ids.has(branch.id)) {
    found.errors.push({
      code: 'duplicate_branch_id',
      path: `${path}.id`,
      message: `branch id "${branch.id}" is used twice`,
    });
  }
  ids.add(branch.id);
  if (roles && !roles.has(branch.role)) {
    found.errors.push({
      code: 'branch_unknown_role',
      path: `${path}.role`,
      message: `role ${branch.role} is not declared`,
    });
  }
  if (branch.afterLine !== undefined && branch.afterLine > view.lines.length) {
    found.errors.push({
      code: 'branch_unknown_line',
      path: `${path}.afterLine`,
      line: branch.afterLine,
      message: `line ${branch.afterLine} does not exist`,
    });
  }
  if (branch.trigger.kind === 'keywords') {
    branch.trigger.words.forEach((word, w) => {
      if (words(word).length === 0) {
        found.errors.push({
          code: 'empty_keyword',
          path: `${path}.trigger.words.${w}`,
          message: `"${word}" has no letters or digits`,
        });
      }
    });
  }
  if (branch.reply.kind === 'lines') {
    branch.reply.texts.forEach((text, t) => {
      for (const role of checkText(text, { path: `${path}.reply.texts.${t}` }, roles, found.errors))
        used.add(role);
    });
  }
}

function checkVariants(view: ScriptView, warnings: ScriptWarning[]): void {
  const labels = new Map<string, number>();
  view.lines.forEach((line, i) => {
    if (line?.variant !== undefined && !labels.has(line.variant)) labels.set(line.variant, i);
  });
  const [only] = [...labels];
  if (labels.size === 1 && only) {
    const [label, i] = only;
    warnings.push({
      code: 'lonely_variant',
      path: `lines.${i}.variant`,
      line: i + 1,
      message: `variant ${label} is the only variant group, so every chat gets it; add another group or drop the label`,
    });
  }
}

/** Every cross-field problem of the parsed parts of a script. */
export function checkScript(view: ScriptView): Findings {
  const found: Findings = { errors: [], warnings: [] };
  const roles = view.roles ? new Set(view.roles.map((role) => role.index)) : undefined;
  if (view.roles) checkRoles(view.roles, found.errors);
  const used = new Set<number>();
  view.lines.forEach((_, i) => checkLine(view, i, roles, found, used));
  const ids = new Set<string>();
  view.branches.forEach((_, i) => checkBranch(view, i, roles, found, used, ids));
  checkVariants(view, found.warnings);
  if (!view.complete) return found;
  view.roles?.forEach((role, i) => {
    if (!used.has(role.index)) {
      found.warnings.push({
        code: 'unused_role',
        path: `roles.${i}`,
        message: `role ${role.index} (${role.name}) never speaks and is never mentioned`,
      });
    }
  });
  return found;
}
