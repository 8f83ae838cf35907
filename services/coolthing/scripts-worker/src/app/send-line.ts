import type { PlannedLine } from '@switchyard/coolthing-script';
import type { Logger } from '@switchyard/kit';
import { TelegramUnknownError, type PeerRef, type TelegramAccount } from '@switchyard/telegram';
import type { Progress } from '../domain/progress';
import { isTelegramFailure } from '../domain/reactions';
import { sentAtOf } from '../domain/reconcile';
import type { ProgressRepository } from '../repositories/progress';
import { checkChat, claimedLine, type SendMetrics } from './reconcile';

export interface LineToSend {
  chatId: string;
  line: PlannedLine;
  account: TelegramAccount;
  peer: PeerRef;
  /** The planned instant in real time (what reports show). */
  plannedAt: Date;
}

export interface SendLineDeps {
  repo: ProgressRepository;
  progress: Progress;
  log: Logger;
  metrics?: SendMetrics;
}

/**
 * One line out, exactly once as far as anyone can tell: the claim is written first (a crash
 * before the record leaves it `sending`, for the next worker to check against the chat), then
 * the send, then the record with its event. A refusal from Telegram releases the claim and is
 * thrown for the caller to react to.
 */
export async function sendLine(
  { chatId, line, account, peer, plannedAt }: LineToSend,
  { repo, progress, log, metrics }: SendLineDeps,
): Promise<'sent' | 'unconfirmed' | 'skipped'> {
  const { lineNo, accountId } = line;
  const where = { chatId, lineNo, accountId };
  const replyTo = progress.replyTarget(chatId, line.replyTo);
  if (!(await repo.beginSend({ ...where, plannedAt }))) {
    log.warn({ chatId, lineNo }, 'line already claimed by another worker of this run; not sending');
    progress.set({ ...where, state: 'unconfirmed', telegramMessageId: null });
    return 'skipped';
  }
  const attemptedAt = new Date();
  let sent: { id: number; at: Date };
  try {
    const message = await account.sendMessage(
      peer,
      line.text,
      replyTo === undefined ? undefined : { replyTo },
    );
    // Real time (the sandbox's own clock may run faster).
    sent = { id: message.id, at: new Date() };
  } catch (err) {
    if (isTelegramFailure(err) && !(err instanceof TelegramUnknownError)) {
      // Telegram answered with a refusal: nothing went out.
      await repo.abandonSend(chatId, lineNo);
      throw err;
    }
    // No answer, yet the line may be in the chat already. Its absence proves nothing here (the
    // client library may still be retrying the request), so a line not found is never resent.
    const check = await checkChat(account, peer, claimedLine(progress, chatId, line, attemptedAt));
    metrics?.sendChecked(check.kind);
    if (check.kind !== 'found') {
      await repo.markUnconfirmed(chatId, lineNo, accountId, attemptedAt);
      progress.set({ ...where, state: 'unconfirmed', telegramMessageId: null });
      log.warn(
        { chatId, lineNo, err: String(err), chat: check.kind },
        'no answer to a send and the chat does not show the line; it is not sent again',
      );
      return 'unconfirmed';
    }
    log.info({ chatId, lineNo, err: String(err) }, 'no answer to a send, but the chat shows the line');
    sent = { id: check.message.id, at: sentAtOf(check.message, attemptedAt, new Date()) };
  }
  await repo.recordSent({
    ...where,
    telegramMessageId: sent.id,
    replyToMessageId: replyTo ?? null,
    plannedAt,
    sentAt: sent.at,
    text: line.text,
  });
  progress.set({ ...where, state: 'sent', telegramMessageId: sent.id });
  metrics?.lineSent();
  return 'sent';
}
