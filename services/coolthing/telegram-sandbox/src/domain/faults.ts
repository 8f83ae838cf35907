import { rpc, type Account, type Chat, type Fault, type FaultKind, type FaultOperation } from './model';
import type { World } from './world';

/** The first fault of `kind` that applies to this account / chat / user and operation. */
export function findFault(
  world: World,
  kind: FaultKind,
  where: { accountId?: string; chatId?: string; userId?: number; operation?: FaultOperation },
): Fault | undefined {
  for (const f of world.faults.values()) {
    if (f.kind !== kind) continue;
    if (f.accountId !== null && f.accountId !== where.accountId) continue;
    if (f.chatId !== null && f.chatId !== where.chatId) continue;
    if (f.userId !== null && f.userId !== where.userId) continue;
    if (where.operation && f.operation !== 'any' && f.operation !== where.operation) continue;
    return f;
  }
  return undefined;
}

/** Counts one firing; a fault with no firings left disappears. */
export function fire(world: World, fault: Fault): void {
  if (fault.remaining === null) return;
  fault.remaining -= 1;
  if (fault.remaining <= 0) world.removeFault(fault.id);
  else world.sink.fault(fault);
}

/**
 * What every account call checks first, as Telegram does: a banned account gets
 * USER_DEACTIVATED_BAN, an account inside a flood wait gets the remaining seconds, and an
 * injected flood wait for this operation starts one.
 */
export function checkAccount(world: World, account: Account, operation: FaultOperation): void {
  if (account.status === 'banned') throw rpc.deactivated();
  const banFault = findFault(world, 'account_banned', { accountId: account.id });
  if (banFault) {
    banAccount(world, account, 'USER_DEACTIVATED_BAN');
    throw rpc.deactivated();
  }
  const now = world.clock.now();
  if (account.floodUntil > now) throw rpc.floodWait((account.floodUntil - now) / 1000);
  const flood = findFault(world, 'flood_wait', { accountId: account.id, operation });
  if (flood) {
    const seconds = flood.seconds ?? 30;
    account.floodUntil = now + seconds * 1000;
    world.saveAccount(account);
    fire(world, flood);
    world.emit({ type: 'account', accountId: account.id, event: { type: 'flood_wait', seconds, at: now } });
    throw rpc.floodWait(seconds);
  }
}

/** Checks that apply to one chat: private, banned in it, slow mode, write forbidden. */
export function checkChatWrite(
  world: World,
  account: Account,
  chat: Chat,
  options = { slowMode: true },
): void {
  const where = { accountId: account.id, chatId: chat.id };
  if (findFault(world, 'chat_private', where)) throw rpc.channelPrivate();
  const isMember = chat.members.has(account.userId);
  if (!isMember && chat.isPrivate) throw rpc.channelPrivate();
  const banned = findFault(world, 'user_banned_in_chat', where);
  if (banned) throw rpc.bannedInChannel();
  if (!isMember) throw chat.kind === 'channel' ? rpc.guestForbidden() : rpc.writeForbidden();
  const forbidden = findFault(world, 'write_forbidden', where);
  if (forbidden) {
    fire(world, forbidden);
    throw rpc.writeForbidden();
  }
  const slow = Math.max(chat.slowModeSeconds, findFault(world, 'slow_mode', where)?.seconds ?? 0);
  if (slow > 0 && options.slowMode) {
    const last = world.lastSend.get(`${account.id}|${chat.id}`);
    const now = world.clock.now();
    if (last !== undefined && now - last < slow * 1000) throw rpc.slowMode((last + slow * 1000 - now) / 1000);
  }
}

export function banAccount(world: World, account: Account, reason: string): void {
  if (account.status === 'banned') return;
  account.status = 'banned';
  account.bannedReason = reason;
  world.saveAccount(account);
  world.emit({
    type: 'account',
    accountId: account.id,
    event: { type: 'banned', reason, at: world.clock.now() },
  });
}
