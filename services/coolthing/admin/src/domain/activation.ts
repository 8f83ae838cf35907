// Activating a script run: every reason to refuse, found before anything is stored or
// published. The original validated neither the mapping nor the campaign type (reference §6,
// "Admin forms"); the scripts service checks again when it plans, since accounts may change.
import { checkRunInput, validateScript, type RoleAccount, type Script } from '@switchyard/coolthing-script';
import { unavailableReason } from './account-status';
import type { AccountRole, AccountStatus, CampaignStatus, CampaignType, ChatPermission } from './types';

export const MAX_RUN_CHATS = 500;

export type ActivationProblemCode =
  | 'script_not_found'
  | 'script_invalid'
  | 'campaign_not_found'
  | 'campaign_not_scripts'
  | 'campaign_finished'
  | 'no_chats'
  | 'too_many_chats'
  | 'chat_not_found'
  | 'chat_duplicate'
  | 'chat_permission_unknown'
  | 'chat_not_addressable'
  | 'role_unknown'
  | 'role_unmapped'
  | 'account_not_found'
  | 'account_unavailable'
  | 'account_no_session'
  | 'account_wrong_role'
  | 'account_reused'
  | 'account_busy'
  | 'missing_profile_value'
  | 'missing_chat_title'
  | 'missing_campaign_name'
  | 'invalid_start';

export interface ActivationProblem {
  code: ActivationProblemCode;
  message: string;
  role?: number;
  accountId?: string;
  chatId?: string;
  line?: number;
  column?: number;
}

export interface ActivationScript {
  id: string;
  body: unknown;
}

export interface ActivationCampaign {
  id: string;
  name: string;
  type: CampaignType;
  status: CampaignStatus;
}

export interface ActivationChat {
  id: string;
  title: string | null;
  permission: ChatPermission;
  telegramId: string | null;
  username: string | null;
  link: string | null;
}

export interface ActivationAccount {
  id: string;
  status: AccountStatus;
  floodWaitUntil: Date | null;
  role: AccountRole;
  hasSession: boolean;
  firstName: string | null;
  lastName: string | null;
  username: string | null;
}

export interface ActivationInput {
  script: ActivationScript | null;
  campaign: ActivationCampaign | null;
  chatIds: readonly string[];
  /** The registry's chats among `chatIds` (missing ones are not found or deleted). */
  chats: ReadonlyMap<string, ActivationChat>;
  /** Role index ("1") → account id, as the operator sent it. */
  mapping: Readonly<Record<string, string>>;
  accounts: ReadonlyMap<string, ActivationAccount>;
  /** Accounts already playing in a run that has not ended → that run's id. */
  busy: ReadonlyMap<string, string>;
  seed: string;
  now: Date;
}

export type ActivationResult = { ok: true; script: Script } | { ok: false; problems: ActivationProblem[] };

/** Codes the engine reports that the checks here already report in the admin's words. */
const COVERED = new Set([
  'invalid_script',
  'unmapped_role',
  'account_reused',
  'duplicate_chat',
  'no_chats',
  'invalid_chat',
]);

function checkScript(input: ActivationInput, problems: ActivationProblem[]): Script | null {
  if (!input.script) {
    problems.push({ code: 'script_not_found', message: 'the script does not exist (or was deleted)' });
    return null;
  }
  const validation = validateScript(input.script.body);
  if (validation.ok) return validation.script;
  for (const e of validation.errors)
    problems.push({
      code: 'script_invalid',
      message: `script ${e.path}: ${e.message}`,
      ...(e.line === undefined ? {} : { line: e.line }),
      ...(e.column === undefined ? {} : { column: e.column }),
    });
  return null;
}

function checkCampaign(input: ActivationInput, problems: ActivationProblem[]): void {
  const { campaign } = input;
  if (!campaign)
    problems.push({ code: 'campaign_not_found', message: 'the campaign does not exist (or was deleted)' });
  else if (campaign.type !== 'scripts')
    problems.push({
      code: 'campaign_not_scripts',
      message: `campaign "${campaign.name}" is a ${campaign.type} campaign, not a scripts campaign`,
    });
  else if (campaign.status === 'finished')
    problems.push({ code: 'campaign_finished', message: `campaign "${campaign.name}" is finished` });
}

function checkChats(input: ActivationInput, problems: ActivationProblem[]): void {
  if (input.chatIds.length === 0) problems.push({ code: 'no_chats', message: 'the run has no chats' });
  if (input.chatIds.length > MAX_RUN_CHATS)
    problems.push({ code: 'too_many_chats', message: `a run has at most ${MAX_RUN_CHATS} chats` });
  const seen = new Set<string>();
  for (const chatId of input.chatIds) {
    if (seen.has(chatId)) {
      problems.push({ code: 'chat_duplicate', chatId, message: `chat ${chatId} is listed twice` });
      continue;
    }
    seen.add(chatId);
    const chat = input.chats.get(chatId);
    if (!chat)
      problems.push({
        code: 'chat_not_found',
        chatId,
        message: `chat ${chatId} is not in the chat registry`,
      });
    else if (chat.permission === 'unknown')
      problems.push({
        code: 'chat_permission_unknown',
        chatId,
        message: `chat ${chat.title ?? chatId} has no recorded permission to post; record it in the chat registry first`,
      });
    else if (!chat.telegramId && !chat.username && !chat.link)
      problems.push({
        code: 'chat_not_addressable',
        chatId,
        message: `chat ${chatId} has no Telegram id, username or link`,
      });
  }
}

/** Roles that speak: on a line or in a branch. */
const speakingRoles = (script: Script) =>
  new Set([...script.lines.map((l) => l.role), ...(script.branches ?? []).map((b) => b.role)]);

function checkMapping(input: ActivationInput, script: Script | null, problems: ActivationProblem[]): void {
  const declared = new Set(script?.roles.map((r) => r.index) ?? []);
  const owners = new Map<string, number>();
  for (const [key, accountId] of Object.entries(input.mapping)) {
    const role = Number(key);
    if (script && !declared.has(role))
      problems.push({ code: 'role_unknown', role, accountId, message: `the script has no role ${key}` });
    const owner = owners.get(accountId);
    if (owner !== undefined)
      problems.push({
        code: 'account_reused',
        role,
        accountId,
        message: `account ${accountId} is mapped to both role ${owner} and role ${role}`,
      });
    else owners.set(accountId, role);
    const account = input.accounts.get(accountId);
    if (!account) {
      problems.push({
        code: 'account_not_found',
        role,
        accountId,
        message: `account ${accountId} does not exist`,
      });
      continue;
    }
    const label = account.username ? `@${account.username}` : accountId;
    const unavailable = unavailableReason(account, input.now);
    if (unavailable)
      problems.push({
        code: 'account_unavailable',
        role,
        accountId,
        message: `account ${label} ${unavailable}`,
      });
    if (!account.hasSession)
      problems.push({
        code: 'account_no_session',
        role,
        accountId,
        message: `account ${label} has no session; sign it in first`,
      });
    if (account.role !== 'actor')
      problems.push({
        code: 'account_wrong_role',
        role,
        accountId,
        message: `account ${label} is a ${account.role} account; scripts are played by actor accounts`,
      });
    const busyIn = input.busy.get(accountId);
    if (busyIn)
      problems.push({
        code: 'account_busy',
        role,
        accountId,
        message: `account ${label} is already playing in run ${busyIn}`,
      });
  }
  if (!script) return;
  for (const role of [...speakingRoles(script)].sort((a, b) => a - b))
    if (!input.mapping[String(role)])
      problems.push({
        code: 'role_unmapped',
        role,
        message: `role ${role} (${script.roles.find((r) => r.index === role)?.name ?? '?'}) has no account`,
      });
}

/** The engine's own checks: variables that would render empty, names the script needs. */
function checkRendering(input: ActivationInput, script: Script, problems: ActivationProblem[]): void {
  const mapping: Record<number, RoleAccount> = {};
  for (const [key, accountId] of Object.entries(input.mapping)) {
    const account = input.accounts.get(accountId);
    if (!account) continue;
    mapping[Number(key)] = {
      accountId,
      first_name: account.firstName ?? '',
      ...(account.lastName ? { last_name: account.lastName } : {}),
      ...(account.username ? { username: account.username } : {}),
    };
  }
  const chats = input.chatIds
    .map((id) => input.chats.get(id))
    .filter((c): c is ActivationChat => !!c)
    .map((c) => ({ chatId: c.id, title: c.title ?? '' }));
  const engine = checkRunInput({
    script,
    chats,
    mapping,
    seed: input.seed,
    startAt: input.now.getTime(),
    campaign: { name: input.campaign?.name ?? '' },
  });
  for (const p of engine) {
    if (COVERED.has(p.code)) continue;
    problems.push({
      code: p.code as ActivationProblemCode,
      message: p.message,
      ...(p.role === undefined ? {} : { role: p.role }),
      ...(p.chatId === undefined ? {} : { chatId: p.chatId }),
      ...(p.line === undefined ? {} : { line: p.line }),
    });
  }
}

/** Everything wrong with an activation, or the validated script to copy into the run. */
export function checkActivation(input: ActivationInput): ActivationResult {
  const problems: ActivationProblem[] = [];
  const script = checkScript(input, problems);
  checkCampaign(input, problems);
  checkChats(input, problems);
  checkMapping(input, script, problems);
  if (script && input.campaign) checkRendering(input, script, problems);
  return problems.length === 0 && script ? { ok: true, script } : { ok: false, problems };
}
