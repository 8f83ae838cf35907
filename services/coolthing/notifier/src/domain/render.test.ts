import { describe, expect, it } from 'vitest';
import { chatSkipped } from './templates/chat-skipped';
import { book, ctx, event, expectTelegramHtml, HOSTILE, seen } from './templates/test-support';
import { fitLines, renderAlert } from './render';

const SFC = 'sfc-1';
const names = book({ runs: { [SFC]: { script: 'Flat talk', campaign: 'Spring' } } });
const skip = (i: number, title = `Chat number ${i}`) =>
  event(
    {
      sfc_id: SFC,
      chat_id: `c${i}`,
      chat_title: title,
      on_line: null,
      reason: 'cannot_write',
      reason_text_en: 'cannot write',
      reason_text_ru: 'нельзя писать',
    },
    undefined,
    `e${i}`,
  );

describe('renderAlert', () => {
  it('renders one event with its single template', () => {
    expect(seen(renderAlert(chatSkipped, [skip(1)], 1, ctx('en', names)))).toMatch(/^⚠️ Chat skipped in run/);
  });

  it('renders a burst as a heading and one line per event', () => {
    const out = seen(renderAlert(chatSkipped, [skip(1), skip(2)], 2, ctx('en', names)));
    expect(out).toBe(
      [
        '⚠️ 2 chats skipped in run “Flat talk” (campaign “Spring”):',
        '• “Chat number 1” — cannot write',
        '• “Chat number 2” — cannot write',
      ].join('\n'),
    );
  });

  it('stays under 4096 characters, dropping whole lines and counting them', () => {
    const events = Array.from({ length: 200 }, (_, i) => skip(i, `${HOSTILE} ${'x'.repeat(100)}`));
    for (const locale of ['en', 'ru'] as const) {
      const markup = renderAlert(chatSkipped, events, 250, ctx(locale, names));
      expectTelegramHtml(markup);
      const text = seen(markup);
      const shown = text.split('\n').filter((l) => l.startsWith('• ')).length;
      expect(shown).toBeGreaterThan(5);
      expect(text.endsWith(locale === 'en' ? `… and ${250 - shown} more` : `… и ещё ${250 - shown}`)).toBe(
        true,
      );
    }
  });

  it('counts events that were not loaded', () => {
    const out = seen(renderAlert(chatSkipped, [skip(1), skip(2)], 5, ctx('ru', names)));
    expect(out.split('\n')).toEqual([
      '⚠️ Пропущено 5 чатов в запуске «Flat talk» (кампания «Spring»):',
      '• «Chat number 1» — нельзя писать',
      '• «Chat number 2» — нельзя писать',
      '… и ещё 3',
    ]);
  });

  it('falls back to shortened plain text when even the heading is too long', () => {
    const out = fitLines(`<b>${'&lt;'.repeat(2000)}</b>`, [], 1, 'en');
    expectTelegramHtml(out);
    expect(seen(out).startsWith('<<<')).toBe(true);
  });
});
