import { describe, expect, it } from 'vitest';
import { chatSkipped } from './chat-skipped';
import { book, ctx, event, expectNoUuid, HOSTILE, renderAll, seen } from './test-support';

const SFC = '0192f3a1-0000-7000-8000-00000000000a';
const CHAT = '0192f3a1-0000-7000-8000-00000000000c';
const names = book({
  runs: { [SFC]: { script: 'Flat talk', campaign: 'Spring' } },
  chats: { [CHAT]: 'Moscow flats' },
});

const payload = (over: Partial<Parameters<typeof chatSkipped.single>[0]['payload']> = {}) => ({
  sfc_id: SFC,
  chat_id: CHAT,
  chat_title: 'Rent in Kazan',
  on_line: 3,
  reason: 'cannot_write',
  reason_text_en: 'cannot write',
  reason_text_ru: 'нельзя писать',
  ...over,
});

describe('chat.skipped', () => {
  it('names the run, its campaign and the chat, with the reason in the reader’s language', () => {
    const out = renderAll(chatSkipped, payload(), names);
    expect(out.en).toBe(
      [
        '⚠️ Chat skipped in run “Flat talk” (campaign “Spring”)',
        'Chat: “Rent in Kazan”',
        'Reason: cannot write (at line 3)',
      ].join('\n'),
    );
    expect(out.ru).toBe(
      [
        '⚠️ Чат пропущен в запуске «Flat talk» (кампания «Spring»)',
        'Чат: «Rent in Kazan»',
        'Причина: нельзя писать (на строке 3)',
      ].join('\n'),
    );
    expectNoUuid(out.en + out.ru + out.burstEn + out.burstRu);
  });

  it('uses the registry title when the event has none', () => {
    const out = renderAll(chatSkipped, payload({ chat_title: null, on_line: null }), names);
    expect(out.en).toContain('Chat: “Moscow flats”');
    expect(out.en).toContain('Reason: cannot write');
    expect(chatSkipped.refs(payload({ chat_title: null }))).toEqual({ runs: [SFC], chats: [CHAT] });
  });

  it('becomes “12 chats skipped in run …” for a burst of one run', () => {
    const events = [event(payload()), event(payload({ chat_title: 'Other', reason_text_en: 'slow mode' }))];
    expect(seen(chatSkipped.heading(events, 12, ctx('en', names)))).toBe(
      '⚠️ 12 chats skipped in run “Flat talk” (campaign “Spring”):',
    );
    expect(seen(chatSkipped.heading(events, 12, ctx('ru', names)))).toBe(
      '⚠️ Пропущено 12 чатов в запуске «Flat talk» (кампания «Spring»):',
    );
    expect(seen(chatSkipped.line(events[1]!, ctx('en', names)))).toBe('“Other” — slow mode (at line 3)');
  });

  it('escapes chat titles and reasons', () => {
    const out = renderAll(
      chatSkipped,
      payload({ chat_title: HOSTILE, reason_text_en: HOSTILE, reason_text_ru: HOSTILE }),
      names,
    );
    expect(out.en).toContain('<script>alert("x")</script>');
  });
});
