// Helpers for the template tests (not a test file itself).
import { expect } from 'vitest';
import type { Html } from '../html';
import { toPlain } from '../html';
import type { AlertEvent, Locale, NameBook, RunNames } from '../types';
import type { AlertTemplate, RenderContext } from './template';

export const AT = new Date('2025-03-25T11:03:07.000Z');
/** What AT looks like in Moscow. */
export const AT_RU = '25.03.2025 14:03:07 UTC+3';
export const AT_EN = '25 Mar 2025, 14:03:07 UTC+3';

export const HOSTILE = '<script>alert("x")</script> & <b>bold</b> </blockquote> <a href="javascript:x">';

export function book(names: {
  runs?: Record<string, RunNames>;
  campaigns?: Record<string, string>;
  accounts?: Record<string, string>;
  chats?: Record<string, string>;
}): NameBook {
  return {
    run: (id) => names.runs?.[id] ?? null,
    campaign: (id) => names.campaigns?.[id] ?? null,
    account: (id) => names.accounts?.[id] ?? null,
    chat: (id) => names.chats?.[id] ?? null,
  };
}

export const ctx = (locale: Locale, names: NameBook = book({})): RenderContext => ({
  locale,
  timeZone: 'Europe/Moscow',
  names,
});

export const event = <P>(payload: P, occurredAt = AT, eventId = 'evt-1'): AlertEvent<P> => ({
  eventId,
  occurredAt,
  source: 'test',
  payload,
});

const TAGS = new Set(['b', 'i', 'u', 's', 'code', 'pre', 'blockquote', 'a', 'tg-spoiler']);

/**
 * Checks markup the way Telegram's HTML parse mode reads it: only its tags, properly nested,
 * and `&` only in the entities it knows. Telegram refuses the whole message otherwise.
 */
export function expectTelegramHtml(markup: Html | string): void {
  const text = String(markup);
  const stack: string[] = [];
  const tag = /<(\/?)([a-z-]+)((?:\s+[a-z]+="[^"<>]*")*)\s*>/gy;
  for (let i = 0; i < text.length;) {
    const ch = text[i]!;
    if (ch === '<') {
      tag.lastIndex = i;
      const m = tag.exec(text);
      expect(m, `unescaped "<" at ${i}: ${text.slice(i, i + 30)}`).not.toBeNull();
      const [whole, closing, name] = m!;
      expect(TAGS.has(name!), `tag <${name}> is not Telegram HTML`).toBe(true);
      if (closing) expect(stack.pop(), `unbalanced </${name}>`).toBe(name);
      else stack.push(name!);
      i += whole.length;
    } else if (ch === '&') {
      expect(/^&(lt|gt|amp|quot);/.test(text.slice(i)), `bare "&" at ${i}: ${text.slice(i, i + 10)}`).toBe(
        true,
      );
      i++;
    } else if (ch === '>') {
      throw new Error(`unescaped ">" at ${i}: ${text.slice(Math.max(0, i - 20), i + 1)}`);
    } else i++;
  }
  expect(stack, 'unclosed tags').toEqual([]);
  expect(text.length).toBeLessThanOrEqual(4096);
}

/** The text as a reader sees it. */
export const seen = (markup: Html | string): string => toPlain(markup);

/** Renders one event and a burst of it in both languages, checking the markup each time. */
export function renderAll<P>(template: AlertTemplate<P>, payload: P, names: NameBook = book({})) {
  const out = {} as Record<'ru' | 'en' | 'burstRu' | 'burstEn', string>;
  for (const locale of ['ru', 'en'] as const) {
    const r = ctx(locale, names);
    const single = template.single(event(payload), r);
    expectTelegramHtml(single);
    const events = [event(payload), event(payload, AT, 'evt-2')];
    const burst = [template.heading(events, 3, r), ...events.map((e) => template.line(e, r))];
    for (const b of burst) expectTelegramHtml(b);
    out[locale] = seen(single);
    out[locale === 'ru' ? 'burstRu' : 'burstEn'] = burst.map(seen).join('\n');
  }
  return out;
}

/** No UUID-looking string in a message (the original showed ids instead of names). */
export const expectNoUuid = (text: string) =>
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
