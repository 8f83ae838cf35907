// The second look at an activation before anything is sent: admin checked it when the
// operator pressed "activate", but accounts get banned and permissions revoked meanwhile.
import { buildRunPlan, checkRunInput, type RoleAccount, type RunPlan } from '@switchyard/coolthing-script';
import type { RunAccount, RunTarget, SfcSnapshot, SnapshotChat } from './snapshot';

/** Run statuses admin may report that mean "do not plan this again". */
const FINISHED = new Set(['stopped', 'done', 'failed', 'cancelled', 'canceled', 'rejected', 'finished']);
/** Chats an operator recorded a permission for; `unknown` (or anything else) blocks the run. */
const PERMITTED = new Set(['owned', 'partner', 'permitted']);
/** Accounts that may speak in a run. */
const READY_STATUSES = new Set(['active']);
const ACTOR_ROLE = 'actor';

export type Admission =
  | { ok: true; plan: RunPlan; targets: RunTarget[]; accounts: RunAccount[] }
  | { ok: false; problems: string[] };

function chatLabel(chat: SnapshotChat): string {
  return chat.title ? `${chat.id} (${chat.title})` : chat.id;
}

/** The invite or public link, else `@username`, else the numeric id. */
export function chatRef(chat: Pick<SnapshotChat, 'link' | 'username' | 'telegramId'>): string | null {
  if (chat.link?.trim()) return chat.link.trim();
  if (chat.username?.trim()) return `@${chat.username.trim().replace(/^@+/, '')}`;
  return chat.telegramId;
}

/** Roles that send something: every line's role and every branch's. */
function speakingRoles(snapshot: SfcSnapshot): number[] {
  const roles = new Set<number>();
  for (const line of snapshot.script.lines) roles.add(line.role);
  for (const branch of snapshot.script.branches ?? []) roles.add(branch.role);
  return [...roles].sort((a, b) => a - b);
}

/**
 * Checks the run again (status, chats and their permission, accounts and their status, the
 * mapping, everything the engine needs) and builds the plan from `startAt`. Lists every
 * problem, not the first.
 */
export function admit(snapshot: SfcSnapshot, startAt: number): Admission {
  const { sfc } = snapshot;
  const problems: string[] = [];
  if (FINISHED.has(sfc.status.toLowerCase())) problems.push(`the run is already ${sfc.status}`);

  const chatsById = new Map(snapshot.chats.map((c) => [c.id, c]));
  const targets: RunTarget[] = [];
  for (const chatId of sfc.chatIds) {
    const chat = chatsById.get(chatId);
    if (!chat) {
      problems.push(`chat ${chatId} is no longer in the chat registry`);
      continue;
    }
    if (!PERMITTED.has(chat.permission)) {
      problems.push(`chat ${chatLabel(chat)} has no recorded permission to post (${chat.permission})`);
      continue;
    }
    const ref = chatRef(chat);
    if (!ref) {
      problems.push(`chat ${chatLabel(chat)} has no link, username or Telegram id`);
      continue;
    }
    targets.push({ chatId, ref, title: chat.title ?? chat.username ?? '', telegramId: chat.telegramId });
  }

  const accountsById = new Map(snapshot.accounts.map((a) => [a.id, a]));
  const mapping: Record<number, RoleAccount> = {};
  const accounts: RunAccount[] = [];
  for (const role of speakingRoles(snapshot)) {
    const accountId = sfc.mapping[String(role)];
    if (!accountId) continue; // the engine reports the unmapped role
    const account = accountsById.get(accountId);
    if (!account) {
      problems.push(`account ${accountId} (role ${role}) no longer exists`);
      continue;
    }
    if (!READY_STATUSES.has(account.status))
      problems.push(`account ${accountId} (role ${role}) is ${account.status}, not active`);
    if (account.role && account.role !== ACTOR_ROLE)
      problems.push(`account ${accountId} (role ${role}) is a ${account.role} account, not an actor`);
    mapping[role] = {
      accountId,
      first_name: account.firstName ?? '',
      ...(account.lastName ? { last_name: account.lastName } : {}),
      ...(account.username ? { username: account.username } : {}),
    };
    accounts.push({
      accountId,
      role,
      username: account.username,
      telegramUserId: account.telegramUserId,
    });
  }

  const input = {
    script: snapshot.script,
    chats: targets.map((t) => ({ chatId: t.chatId, title: t.title })),
    mapping,
    seed: sfc.seed,
    startAt,
    campaign: { name: snapshot.campaign.name },
  };
  // Chat problems above already explain an empty chat list.
  const engine = checkRunInput(input).filter((p) => !(p.code === 'no_chats' && problems.length > 0));
  for (const p of engine) problems.push(p.message);
  if (problems.length > 0) return { ok: false, problems: [...new Set(problems)].slice(0, 100) };
  return { ok: true, plan: buildRunPlan(input), targets, accounts };
}
