// Everything that would make a run plan wrong, found before any text is rendered: a plan must
// never send "[role.2.username]" into a real chat.
import type { RoleAccount } from './plan-schema';
import type { Script } from './schema';
import { collectVariables } from './spintax-analysis';
import { parseSpintax } from './spintax-parser';
import { validateScript } from './validate';

export interface RunPlanInput {
  script: Script;
  chats: readonly { chatId: string; title: string }[];
  /** Role index → account. JSON object keys ("1") work as well as numbers. */
  mapping: Readonly<Record<number, RoleAccount | undefined>>;
  seed: string | number;
  /** ms epoch; the caller's clock, never read inside. */
  startAt: number;
  campaign: { name: string };
}

export type RunPlanProblemCode =
  | 'invalid_script'
  | 'no_chats'
  | 'invalid_chat'
  | 'duplicate_chat'
  | 'unmapped_role'
  | 'account_reused'
  | 'missing_profile_value'
  | 'missing_chat_title'
  | 'missing_campaign_name'
  | 'invalid_start';

export interface RunPlanProblem {
  code: RunPlanProblemCode;
  message: string;
  role?: number;
  chatId?: string;
  line?: number;
}

/** Thrown by buildRunPlan; `problems` lists everything wrong, not just the first thing. */
export class RunPlanError extends Error {
  constructor(readonly problems: readonly RunPlanProblem[]) {
    super(`cannot plan the run: ${problems.map((p) => p.message).join('; ')}`);
    this.name = 'RunPlanError';
  }
}

function blank(value: string | undefined): boolean {
  return value === undefined || value.replace(/^@+/, '').trim() === '';
}

function scriptTexts(script: Script): { text: string; line?: number }[] {
  const texts: { text: string; line?: number }[] = script.lines.map((line, i) => ({
    text: line.text,
    line: i + 1,
  }));
  for (const branch of script.branches ?? []) {
    if (branch.reply.kind === 'lines') for (const text of branch.reply.texts) texts.push({ text });
  }
  return texts;
}

/** Collects problems once each: a role mentioned on ten lines is one problem, not ten. */
class Problems {
  readonly list: RunPlanProblem[] = [];
  private readonly keys = new Set<string>();

  add(key: string, problem: RunPlanProblem): void {
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.list.push(problem);
  }
}

function unmapped(role: number): RunPlanProblem {
  return { code: 'unmapped_role', role, message: `role ${role} has no account` };
}

function checkMapping(input: RunPlanInput, problems: Problems): void {
  const { script, mapping } = input;
  const speaking = new Set([
    ...script.lines.map((l) => l.role),
    ...(script.branches ?? []).map((b) => b.role),
  ]);
  const owners = new Map<string, number>();
  for (const role of script.roles) {
    const account = mapping[role.index];
    if (!account || account.accountId.trim() === '') {
      if (speaking.has(role.index)) problems.add(`unmapped:${role.index}`, unmapped(role.index));
      continue;
    }
    const owner = owners.get(account.accountId);
    if (owner !== undefined) {
      problems.add(`reused:${role.index}`, {
        code: 'account_reused',
        role: role.index,
        message: `account ${account.accountId} plays both role ${owner} and role ${role.index}`,
      });
    }
    owners.set(account.accountId, role.index);
  }
}

function checkVariables(input: RunPlanInput, problems: Problems): void {
  const report = problems.add.bind(problems);
  for (const { text, line } of scriptTexts(input.script)) {
    for (const { variable } of collectVariables(parseSpintax(text).nodes)) {
      if (variable.kind === 'role') {
        const account = input.mapping[variable.role];
        if (account && blank(account[variable.field])) {
          report(`role.${variable.role}.${variable.field}`, {
            code: 'missing_profile_value',
            role: variable.role,
            ...(line === undefined ? {} : { line }),
            message: `the script uses {{role.${variable.role}.${variable.field}}} but role ${variable.role}'s account has no ${variable.field}`,
          });
        }
        if (!account) report(`unmapped:${variable.role}`, unmapped(variable.role));
      } else if (variable.kind === 'chat.title') {
        for (const chat of input.chats) {
          if (blank(chat.title))
            report(`title:${chat.chatId}`, {
              code: 'missing_chat_title',
              chatId: chat.chatId,
              message: `chat ${chat.chatId} has no title but the script uses {{chat.title}}`,
            });
        }
      } else if (variable.kind === 'campaign.name' && blank(input.campaign.name)) {
        report('campaign', {
          code: 'missing_campaign_name',
          message: 'the campaign has no name but the script uses {{campaign.name}}',
        });
      }
    }
  }
}

/** Every reason the run cannot be planned; empty when buildRunPlan will succeed. */
export function checkRunInput(input: RunPlanInput): RunPlanProblem[] {
  const validation = validateScript(input.script);
  if (!validation.ok) {
    return validation.errors.map((e) => ({
      code: 'invalid_script',
      ...(e.line === undefined ? {} : { line: e.line }),
      message: `${e.path}: ${e.message}`,
    }));
  }
  const problems = new Problems();
  if (!Number.isFinite(input.startAt))
    problems.add('start', { code: 'invalid_start', message: 'startAt must be a finite ms epoch' });
  if (input.chats.length === 0) problems.add('chats', { code: 'no_chats', message: 'the run has no chats' });
  const seen = new Set<string>();
  for (const { chatId } of input.chats) {
    if (chatId.trim() === '')
      problems.add('empty-chat-id', { code: 'invalid_chat', chatId, message: 'a chat has an empty id' });
    if (seen.has(chatId))
      problems.add(`dup:${chatId}`, {
        code: 'duplicate_chat',
        chatId,
        message: `chat ${chatId} is listed twice`,
      });
    seen.add(chatId);
  }
  checkMapping(input, problems);
  checkVariables(input, problems);
  return problems.list;
}
