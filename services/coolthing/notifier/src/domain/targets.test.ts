import { describe, expect, it } from 'vitest';
import { alertStatusOf, targetsOf } from './targets';

const bots = [
  { id: 'b1', adminChatIds: ['-1001', '-1002', '-1001'], locale: null },
  { id: 'b2', adminChatIds: ['-2001'], locale: 'en' as const },
];

describe('targetsOf', () => {
  it('sends to every admin chat of every bot, each once, in the chat’s, bot’s or default language', () => {
    expect(targetsOf(bots, null, { byChat: { '-1002': 'en' }, fallback: 'ru' })).toEqual([
      { botId: 'b1', chatId: '-1001', locale: 'ru' },
      { botId: 'b1', chatId: '-1002', locale: 'en' },
      { botId: 'b2', chatId: '-2001', locale: 'en' },
    ]);
  });

  it('honours an operator’s choice of bot and chats', () => {
    const locales = { byChat: {}, fallback: 'ru' as const };
    expect(targetsOf(bots, { botId: 'b2', chatIds: null }, locales).map((t) => t.chatId)).toEqual(['-2001']);
    expect(targetsOf(bots, { botId: null, chatIds: ['-1002'] }, locales).map((t) => t.chatId)).toEqual([
      '-1002',
    ]);
    expect(targetsOf(bots, { botId: 'gone', chatIds: null }, locales)).toEqual([]);
  });
});

describe('alertStatusOf', () => {
  it('summarises chats', () => {
    expect(alertStatusOf(['sent', 'sent'])).toBe('delivered');
    expect(alertStatusOf(['sent', 'pending'])).toBe('pending');
    expect(alertStatusOf(['sent', 'failed'])).toBe('partial');
    expect(alertStatusOf(['failed'])).toBe('failed');
  });
});
