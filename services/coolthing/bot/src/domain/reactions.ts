// What a worker does about each failure to send (coolthing.md "Telegram layer": typed errors
// with defined reactions).
import {
  AccountBanned,
  FloodWait,
  PeerFlood,
  TelegramError,
  TelegramUnknownError,
} from '@switchyard/telegram';

export type SendReaction =
  /** Sleep and send the same message again (a short FloodWait). */
  | { kind: 'wait'; seconds: number }
  /** The account is in a long FloodWait: report it, give the waiting messages back. */
  | { kind: 'flood_wait'; seconds: number }
  /** Telegram limits the account (PeerFlood): no first messages any more; conversations go on. */
  | { kind: 'limited' }
  /** The account is gone: report, give everything back, stop. */
  | { kind: 'banned'; reason: string }
  /** This recipient cannot be written to (privacy, bad username...): fail the message with the reason. */
  | { kind: 'skip'; reason: string; detail: string }
  /** Maybe passes: try again a few times. */
  | { kind: 'transient'; detail: string };

export function reactionTo(err: unknown, longWaitSeconds: number): SendReaction {
  if (err instanceof FloodWait)
    return err.seconds <= longWaitSeconds
      ? { kind: 'wait', seconds: err.seconds }
      : { kind: 'flood_wait', seconds: err.seconds };
  if (err instanceof PeerFlood) return { kind: 'limited' };
  if (err instanceof AccountBanned) return { kind: 'banned', reason: err.rpcText ?? 'banned' };
  if (err instanceof TelegramUnknownError) return { kind: 'transient', detail: err.message };
  if (err instanceof TelegramError) {
    if (err.reaction === 'wait_and_resume')
      return { kind: 'wait', seconds: 'seconds' in err ? Number(err.seconds) : 5 };
    return { kind: 'skip', reason: err.reason, detail: err.message };
  }
  return { kind: 'transient', detail: err instanceof Error ? err.message : String(err) };
}
