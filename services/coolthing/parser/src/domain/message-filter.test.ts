import { describe, expect, it } from 'vitest';
import type { TelegramMessage } from '@switchyard/telegram';
import { skipReason, type SenderContext } from './message-filter';

const message = (over: Partial<TelegramMessage> = {}): TelegramMessage => ({
  id: 1,
  chat: { id: '-100', kind: 'supergroup', title: 'Chat', username: null, membersCount: 10 },
  sender: { id: '7', username: 'u', firstName: 'U', lastName: null, isBot: false },
  text: 'квартира',
  date: new Date(),
  replyToId: null,
  outgoing: false,
  ...over,
});
const context: SenderContext = { selfId: '1', knownAccountUserIds: new Set(['2']) };

describe('skipReason', () => {
  it('lets member messages with text through', () => {
    expect(skipReason(message(), context)).toBeNull();
  });

  it("skips the account's own messages, other system accounts, bots, anonymous posts and empty texts", () => {
    expect(skipReason(message({ outgoing: true }), context)).toBe('outgoing');
    expect(
      skipReason(
        message({ sender: { id: '1', username: null, firstName: 'me', lastName: null, isBot: false } }),
        context,
      ),
    ).toBe('own');
    expect(
      skipReason(
        message({ sender: { id: '2', username: null, firstName: 'mgr', lastName: null, isBot: false } }),
        context,
      ),
    ).toBe('known_account');
    expect(
      skipReason(
        message({ sender: { id: '9', username: 'x_bot', firstName: 'B', lastName: null, isBot: true } }),
        context,
      ),
    ).toBe('bot');
    expect(skipReason(message({ sender: null }), context)).toBe('anonymous');
    expect(skipReason(message({ text: '  \n ' }), context)).toBe('no_text');
  });

  it('does not require a username (the original dropped such senders)', () => {
    expect(
      skipReason(
        message({ sender: { id: '8', username: null, firstName: 'N', lastName: null, isBot: false } }),
        context,
      ),
    ).toBeNull();
  });
});
