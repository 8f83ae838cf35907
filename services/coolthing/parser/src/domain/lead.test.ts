import { describe, expect, it } from 'vitest';
import { NewTargetMessage } from '@switchyard/contracts';
import type { TelegramMessage } from '@switchyard/telegram';
import { detectLanguage } from './language';
import { leadPayload } from './lead';

const message: TelegramMessage = {
  id: 55,
  chat: { id: '-1001', kind: 'supergroup', title: 'Telegram title', username: 'flats', membersCount: 3 },
  sender: { id: '7', username: null, firstName: 'Anna'.repeat(50), lastName: null, isBot: false },
  text: 'Ищу квартиру '.repeat(400),
  date: new Date('2026-03-01T10:00:00.000Z'),
  replyToId: null,
  outgoing: false,
};

describe('leadPayload', () => {
  it('builds a NewTargetMessage the contract accepts, clipped to its limits', () => {
    const payload = leadPayload({
      accountId: 'a-1',
      campaignId: 'c-1',
      chatTitle: 'Registry title',
      message,
      keywords: ['квартира'],
      bio: 'b'.repeat(600),
    });
    expect(() => NewTargetMessage.schema.parse(payload)).not.toThrow();
    expect(payload).toMatchObject({
      worker_id: 'a-1',
      campaign_id: 'c-1',
      chat_id: '-1001',
      chat_title: 'Registry title',
      message_id: 55,
      user_id: '7',
      username: null,
      matched_keywords: ['квартира'],
      language: 'ru',
      sent_at: '2026-03-01T10:00:00.000Z',
    });
    expect(payload.message).toHaveLength(4096);
    expect(payload.first_name).toHaveLength(128);
    expect(payload.bio).toHaveLength(512);
  });

  it("falls back to Telegram's chat title", () => {
    expect(
      leadPayload({ accountId: 'a', campaignId: 'c', chatTitle: null, message, keywords: ['x'], bio: null })
        .chat_title,
    ).toBe('Telegram title');
  });
});

describe('detectLanguage', () => {
  it('goes by the script most letters are in', () => {
    expect(detectLanguage('Ищу apartment в центре')).toBe('ru');
    expect(detectLanguage('Looking for a квартира downtown')).toBe('en');
    expect(detectLanguage('12345 !!!')).toBeNull();
  });
});
