// Telling, after the fact, whether a claimed send reached the chat: the claimed line against
// the account's own latest messages there.

/** A line whose send was claimed but whose outcome was never recorded. */
export interface ClaimedLine {
  text: string;
  /** The message it was sent in answer to; null when it was sent as no reply. */
  replyTo: number | null;
  /** When the claim was written, right before the send (real time). */
  claimedAt: Date;
  /**
   * The newest message the run recorded from the same account in the chat before this line.
   * Lines of a chat go out one after another and ids grow, so the line's message is newer.
   */
  afterId: number | null;
}

/** One of the account's own messages in the chat, as Telegram shows it. */
export interface OwnMessage {
  id: number;
  text: string;
  date: Date;
  replyToId: number | null;
}

/**
 * How much older than the claim a message may look and still be the line's: Telegram dates
 * are whole seconds, and the database, the worker and Telegram do not share a clock.
 */
export const CLAIM_CLOCK_SKEW_MS = 5000;

/**
 * The message that is the claimed line, if the chat shows one: the same text (Telegram trims
 * the ends), the same reply target, posted no earlier than the claim (less the skew) and newer
 * than the account's previous line there. Of several, the oldest: the first after the claim
 * is the one the claim sent; a later one with the same words would be someone's duplicate.
 */
export function findClaimedLine(line: ClaimedLine, own: readonly OwnMessage[]): OwnMessage | undefined {
  const earliest = line.claimedAt.getTime() - CLAIM_CLOCK_SKEW_MS;
  const text = line.text.trim();
  return own
    .filter(
      (m) =>
        m.text.trim() === text &&
        m.replyToId === line.replyTo &&
        m.date.getTime() >= earliest &&
        (line.afterId === null || m.id > line.afterId),
    )
    .sort((a, b) => a.id - b.id)[0];
}

/**
 * The send time to record for a line found after the fact. The message's own date when it is
 * plausible (between the claim and now); otherwise the claim, which was written right before
 * the send (a time-scaled sandbox dates its messages ahead of real time).
 */
export function sentAtOf(message: OwnMessage, claimedAt: Date, now: Date): Date {
  const at = message.date.getTime();
  return at >= claimedAt.getTime() && at <= now.getTime() ? message.date : claimedAt;
}
