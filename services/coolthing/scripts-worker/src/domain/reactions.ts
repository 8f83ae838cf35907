// What the worker does about each Telegram failure (coolthing.md "Telegram layer"), decided
// from the typed errors of @switchyard/telegram, never from message strings.
import {
  AccountBanned,
  FloodWait,
  PeerFlood,
  SlowMode,
  TelegramError,
  TelegramUnknownError,
  type SkipReason,
} from '@switchyard/telegram';

export type Reaction =
  /** Wait it out and try the same step again: the account (FloodWait) or this chat (slow mode). */
  | { kind: 'wait'; reason: 'flood_wait' | 'slow_mode'; seconds: number; scope: 'account' | 'chat' }
  /** The account cannot play any more: its remaining lines are skipped. */
  | { kind: 'account_down'; reason: SkipReason; accountStatus: 'banned' | 'limited' | 'flood_wait' }
  /** This chat is done for: skip it with the reason, carry on with the others. */
  | { kind: 'skip_chat'; reason: SkipReason }
  /** Nothing says whether Telegram acted (a lost connection, an unexpected answer). */
  | { kind: 'unknown'; reason: SkipReason };

/** Not a Telegram failure: a bug or our own infrastructure; let the worker crash and resume. */
export function isTelegramFailure(err: unknown): err is TelegramError {
  return err instanceof TelegramError;
}

export function reactionTo(err: TelegramError, options: { maxFloodWaitSeconds: number }): Reaction {
  if (err instanceof FloodWait) {
    if (err.seconds > options.maxFloodWaitSeconds)
      return { kind: 'account_down', reason: 'flood_wait', accountStatus: 'flood_wait' };
    return { kind: 'wait', reason: 'flood_wait', seconds: err.seconds, scope: 'account' };
  }
  if (err instanceof SlowMode)
    return { kind: 'wait', reason: 'slow_mode', seconds: err.seconds, scope: 'chat' };
  if (err instanceof AccountBanned)
    return { kind: 'account_down', reason: err.reason, accountStatus: 'banned' };
  if (err instanceof PeerFlood) return { kind: 'account_down', reason: err.reason, accountStatus: 'limited' };
  if (err instanceof TelegramUnknownError) return { kind: 'unknown', reason: err.reason };
  switch (err.reaction) {
    case 'wait_and_resume':
      return { kind: 'wait', reason: 'flood_wait', seconds: 1, scope: 'chat' };
    case 'mark_banned_and_alert':
      return { kind: 'account_down', reason: err.reason, accountStatus: 'banned' };
    case 'pause_account':
      return { kind: 'account_down', reason: err.reason, accountStatus: 'limited' };
    default:
      return { kind: 'skip_chat', reason: err.reason };
  }
}
