import { describe, expect, it } from 'vitest';
import { readyAt, typingMs } from './pacing';

const gaps = { offerMs: 60_000, otherMs: 5_000 };
const t = (s: number) => new Date(s * 1000);

describe('account pacing', () => {
  it('keeps the gap after the previous message, plus jitter', () => {
    expect(
      readyAt({ notBefore: t(10), retryAt: null, lastSentAt: t(0), kind: 'offer', jitterMs: 3000, gaps }),
    ).toEqual(t(63));
    expect(
      readyAt({ notBefore: t(10), retryAt: null, lastSentAt: t(0), kind: 'reply', jitterMs: 0, gaps }),
    ).toEqual(t(10));
    expect(
      readyAt({ notBefore: t(10), retryAt: t(20), lastSentAt: null, kind: 'offer', jitterMs: 0, gaps }),
    ).toEqual(t(20));
    expect(
      readyAt({ notBefore: t(100), retryAt: null, lastSentAt: t(0), kind: 'offer', jitterMs: 0, gaps }),
    ).toEqual(t(100));
  });

  it('types longer for longer messages, within bounds', () => {
    expect(typingMs('hi', 50, 1000, 8000)).toBe(1000);
    expect(typingMs('x'.repeat(100), 50, 1000, 8000)).toBe(5000);
    expect(typingMs('x'.repeat(1000), 50, 1000, 8000)).toBe(8000);
  });
});
