import type { PlannedLine } from '@switchyard/coolthing-script';
import type { Logger } from '@switchyard/kit';
import type { PeerRef, TelegramAccount } from '@switchyard/telegram';
import type { Progress } from '../domain/progress';
import { findClaimedLine, sentAtOf, type ClaimedLine, type OwnMessage } from '../domain/reconcile';
import type { RunTarget } from '../ports/run-services';
import type { ClaimedSend, ProgressRepository } from '../repositories/progress';
import type { AccountPool } from './accounts';

/** The account's latest own messages looked through: far more than one run puts in a chat meanwhile. */
const OWN_MESSAGES_LIMIT = 50;

/** What the chat says about a claimed send. */
export type ChatCheck =
  { kind: 'found'; message: OwnMessage } | { kind: 'absent' } | { kind: 'unchecked'; error: unknown };

export type CheckOutcome = ChatCheck['kind'];

/** What sending and settling lines count. */
export interface SendMetrics {
  lineSent(): void;
  sendChecked(outcome: CheckOutcome): void;
}

/** Looks for the claimed line among the account's latest messages in the chat. */
export async function checkChat(
  account: TelegramAccount,
  peer: PeerRef,
  line: ClaimedLine,
): Promise<ChatCheck> {
  try {
    const own = await account.ownRecentMessages(peer, {
      limit: OWN_MESSAGES_LIMIT,
      ...(line.afterId === null ? {} : { afterId: line.afterId }),
    });
    const message = findClaimedLine(line, own);
    return message ? { kind: 'found', message } : { kind: 'absent' };
  } catch (error) {
    return { kind: 'unchecked', error };
  }
}

/** The claimed line as the chat would show it, from the plan and what the run recorded. */
export function claimedLine(
  progress: Progress,
  chatId: string,
  line: PlannedLine,
  claimedAt: Date,
): ClaimedLine {
  return {
    text: line.text,
    replyTo: progress.replyTarget(chatId, line.replyTo) ?? null,
    claimedAt,
    afterId: progress.newestMessageBefore(chatId, line.lineNo, line.accountId),
  };
}

export interface ClaimsDeps {
  pool: AccountPool;
  progress: Progress;
  repo: ProgressRepository;
  log: Logger;
  line(chatId: string, lineNo: number): PlannedLine | undefined;
  target(chatId: string): RunTarget | undefined;
  /** Remembers the Telegram id of a run chat the account joined (to place incoming messages). */
  joined(chatId: string, telegramChatId: string): void;
  metrics?: SendMetrics;
}

/**
 * Settles every line the last worker died sending, by what its chat shows. The dead worker
 * has nothing in flight any more, so the chat is the whole truth: the line there → `sent`
 * with its message id (later replies thread to it); not there → the claim is released and
 * the line plays again; no way to look (account unavailable, Telegram not answering) →
 * `unconfirmed`, reported and never resent. One account's lines are checked one at a time.
 */
export async function settleClaims(claims: ClaimedSend[], deps: ClaimsDeps): Promise<void> {
  const byAccount = new Map<string, ClaimedSend[]>();
  for (const c of claims) byAccount.set(c.accountId, [...(byAccount.get(c.accountId) ?? []), c]);
  await Promise.all(
    [...byAccount.values()].map(async (list) => {
      for (const claim of list) await settleClaim(claim, deps);
    }),
  );
}

async function settleClaim(claim: ClaimedSend, deps: ClaimsDeps): Promise<void> {
  const { progress, repo, log } = deps;
  const { chatId, lineNo, accountId, claimedAt } = claim;
  const where = { chatId, lineNo, accountId };
  const planned = deps.line(chatId, lineNo);
  const text = planned?.text ?? '';
  const check: ChatCheck = planned
    ? await lookUp(claim, planned, deps)
    : { kind: 'unchecked', error: new Error('the line is not in the plan') };
  deps.metrics?.sendChecked(check.kind);
  switch (check.kind) {
    case 'found': {
      await repo.recordSent({
        ...where,
        telegramMessageId: check.message.id,
        replyToMessageId: check.message.replyToId,
        plannedAt: claim.plannedAt ?? claimedAt,
        sentAt: sentAtOf(check.message, claimedAt, new Date()),
        text,
      });
      progress.set({ ...where, state: 'sent', telegramMessageId: check.message.id });
      deps.metrics?.lineSent();
      log.info(
        { ...where, telegramMessageId: check.message.id },
        'the last worker died sending this line; the chat shows it: recorded as sent',
      );
      return;
    }
    case 'absent':
      await repo.abandonSend(chatId, lineNo);
      progress.forget(chatId, lineNo);
      log.info(where, 'the last worker died sending this line; the chat does not show it: it plays again');
      return;
    case 'unchecked':
      await repo.markUnconfirmed(
        chatId,
        lineNo,
        accountId,
        claimedAt,
        'worker died while sending; the chat could not be checked',
      );
      progress.set({ ...where, state: 'unconfirmed', telegramMessageId: null });
      log.warn(
        { ...where, err: String(check.error) },
        'the last worker died sending this line and its chat could not be checked; not sending it again',
      );
  }
}

async function lookUp(claim: ClaimedSend, planned: PlannedLine, deps: ClaimsDeps): Promise<ChatCheck> {
  const live = deps.pool.get(claim.accountId);
  if (!live) return { kind: 'unchecked', error: new Error(`account ${claim.accountId} is not available`) };
  const target = deps.target(claim.chatId);
  if (!target) return { kind: 'unchecked', error: new Error(`chat ${claim.chatId} has no target`) };
  let peer: string;
  try {
    peer = await deps.pool.peer(claim.accountId, target, (id) => deps.joined(claim.chatId, id));
  } catch (error) {
    return { kind: 'unchecked', error };
  }
  const line = claimedLine(deps.progress, claim.chatId, planned, claim.claimedAt);
  return checkChat(live.account, peer, line);
}
