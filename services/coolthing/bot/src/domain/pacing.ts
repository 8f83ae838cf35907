// When an account may send its next private message.

export interface Gaps {
  /** Between messages to people not yet in conversation (the first offer). */
  offerMs: number;
  /** Between any other messages. */
  otherMs: number;
}

/**
 * The earliest send time: the requested `notBefore`, a retry's time, and the gap after the
 * account's previous message plus this message's own jitter.
 */
export function readyAt(input: {
  notBefore: Date;
  retryAt: Date | null;
  lastSentAt: Date | null;
  kind: 'offer' | 'reply' | 'operator';
  jitterMs: number;
  gaps: Gaps;
}): Date {
  const gap = input.kind === 'offer' ? input.gaps.offerMs : input.gaps.otherMs;
  const afterGap = input.lastSentAt ? input.lastSentAt.getTime() + gap + input.jitterMs : 0;
  return new Date(Math.max(input.notBefore.getTime(), input.retryAt?.getTime() ?? 0, afterGap));
}

/** How long "typing…" shows before a message of this length. */
export function typingMs(text: string, perChar: number, minMs: number, maxMs: number): number {
  return Math.round(Math.min(maxMs, Math.max(minMs, text.length * perChar)));
}
