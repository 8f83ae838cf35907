import { describe, expect, it } from 'vitest';
import { Progress } from './progress';
import {
  CLAIM_CLOCK_SKEW_MS,
  findClaimedLine,
  sentAtOf,
  type ClaimedLine,
  type OwnMessage,
} from './reconcile';

const claimedAt = new Date('2026-03-01T12:00:00.500Z');
const at = (ms: number) => new Date(claimedAt.getTime() + ms);
const line: ClaimedLine = { text: 'How are the prices?', replyTo: 41, claimedAt, afterId: 40 };
const message = (m: Partial<OwnMessage> & { id: number }): OwnMessage => ({
  text: line.text,
  date: at(300),
  replyToId: 41,
  ...m,
});

describe('finding a claimed line in its chat', () => {
  it('finds the message with its text and reply target, posted after the claim', () => {
    const own = [message({ id: 45 }), message({ id: 44, text: 'Fair enough.' })];
    expect(findClaimedLine(line, own)?.id).toBe(45);
  });

  it('takes whole-second dates and a few seconds of clock skew as "after the claim"', () => {
    // Telegram says 12:00:00 for a message sent at 12:00:00.8.
    expect(findClaimedLine(line, [message({ id: 45, date: new Date('2026-03-01T12:00:00Z') })])?.id).toBe(45);
    expect(findClaimedLine(line, [message({ id: 45, date: at(-CLAIM_CLOCK_SKEW_MS) })])?.id).toBe(45);
    expect(findClaimedLine(line, [message({ id: 45, date: at(-CLAIM_CLOCK_SKEW_MS - 1) })])).toBeUndefined();
  });

  it('does not take another message with the same words for it', () => {
    // Not a reply to the right message (a line with the same text elsewhere in the script).
    expect(findClaimedLine(line, [message({ id: 45, replyToId: 12 })])).toBeUndefined();
    expect(findClaimedLine(line, [message({ id: 45, replyToId: null })])).toBeUndefined();
    // Older than the account's previous line in the chat: an earlier line with the same words.
    expect(findClaimedLine(line, [message({ id: 39 }), message({ id: 40 })])).toBeUndefined();
    // Posted long before the claim (another run in the same chat).
    expect(findClaimedLine(line, [message({ id: 45, date: at(-3_600_000) })])).toBeUndefined();
    expect(findClaimedLine(line, [message({ id: 45, text: 'How are the prices' })])).toBeUndefined();
    expect(findClaimedLine(line, [])).toBeUndefined();
  });

  it('matches a line sent as no reply, ignores what Telegram trims, and knows no earlier line', () => {
    const first: ClaimedLine = { text: 'Is anyone here? ', replyTo: null, claimedAt, afterId: null };
    expect(findClaimedLine(first, [message({ id: 3, text: 'Is anyone here?', replyToId: null })])?.id).toBe(
      3,
    );
    expect(
      findClaimedLine(first, [message({ id: 3, text: 'Is anyone here?', replyToId: 2 })]),
    ).toBeUndefined();
  });

  it('takes the oldest of several matches: the first after the claim is the one it sent', () => {
    const own = [message({ id: 52 }), message({ id: 47 }), message({ id: 45 })];
    expect(findClaimedLine(line, own)?.id).toBe(45);
  });

  it("records the message's date as the send time only when it is plausible", () => {
    const now = at(60_000);
    expect(sentAtOf(message({ id: 45, date: at(800) }), claimedAt, now)).toEqual(at(800));
    // Whole seconds before the claim, or a time-scaled sandbox far ahead: the claim's time.
    expect(sentAtOf(message({ id: 45, date: at(-500) }), claimedAt, now)).toEqual(claimedAt);
    expect(sentAtOf(message({ id: 45, date: at(3_600_000) }), claimedAt, now)).toEqual(claimedAt);
  });
});

describe('progress around a claim', () => {
  it("knows each account's newest recorded message before a line, and forgets a released claim", () => {
    const p = new Progress([
      { chatId: 'c1', lineNo: 1, accountId: 'a1', state: 'sent', telegramMessageId: 10 },
      { chatId: 'c1', lineNo: 2, accountId: 'a2', state: 'sent', telegramMessageId: 11 },
      { chatId: 'c1', lineNo: 3, accountId: 'a1', state: 'unconfirmed', telegramMessageId: null },
      { chatId: 'c2', lineNo: 1, accountId: 'a1', state: 'sent', telegramMessageId: 90 },
      { chatId: 'c1', lineNo: 4, accountId: 'a1', state: 'sending', telegramMessageId: null },
    ]);
    expect(p.newestMessageBefore('c1', 4, 'a1')).toBe(10);
    expect(p.newestMessageBefore('c1', 4, 'a2')).toBe(11);
    expect(p.newestMessageBefore('c1', 1, 'a1')).toBeNull();
    expect(p.settled('c1', 4)).toBe(false);
    p.forget('c1', 4);
    expect(p.get('c1', 4)).toBeUndefined();
    p.set({ chatId: 'c1', lineNo: 4, accountId: 'a1', state: 'sent', telegramMessageId: 14 });
    p.forget('c1', 4);
    expect(p.lineOfMessage('c1', 14)).toBeUndefined();
  });
});
