import { escapeHtml, Html, toPlain } from './html';
import type { AlertTemplate, RenderContext } from './templates/template';
import type { AlertEvent } from './types';

/** Telegram's limit for one message. */
export const TELEGRAM_MAX_TEXT = 4096;

/**
 * The message for one alert: the single-event text, or a burst's heading with as many lines
 * as fit and `… and N more` for the rest. Lines are dropped whole, never cut, so the markup
 * stays valid; the length counts markup too, which keeps it under Telegram's limit.
 */
export function renderAlert<P>(
  template: AlertTemplate<P>,
  events: readonly AlertEvent<P>[],
  total: number,
  r: RenderContext,
  max = TELEGRAM_MAX_TEXT,
): Html {
  if (events.length === 0) throw new Error('an alert needs at least one event');
  if (events.length === 1 && total <= 1) return capped(template.single(events[0]!, r), max);
  const heading = template.heading(events, total, r).value;
  const lines = events.map((e) => `• ${template.line(e, r).value}`);
  return fitLines(heading, lines, total, r.locale, max);
}

/** Heading and lines within `max`, with a count of what was left out. */
export function fitLines(
  heading: string,
  lines: readonly string[],
  total: number,
  locale: 'ru' | 'en',
  max = TELEGRAM_MAX_TEXT,
): Html {
  const more = (n: number) => (locale === 'ru' ? `… и ещё ${n}` : `… and ${n} more`);
  let shown = lines.length;
  const text = (n: number) => {
    const hidden = total - n;
    return [heading, ...lines.slice(0, n), ...(hidden > 0 ? [more(hidden)] : [])].join('\n');
  };
  let out = text(shown);
  while (out.length > max && shown > 0) out = text(--shown);
  return capped(new Html(out), max);
}

/** Last resort when even one line is too long: the same text, plain, shortened. */
function capped(markup: Html, max: number): Html {
  if (markup.value.length <= max) return markup;
  let plain = toPlain(markup);
  let escaped = escapeHtml(plain);
  while (escaped.length > max) {
    plain = plain.slice(0, plain.length - Math.max(1, escaped.length - max) - 1);
    escaped = escapeHtml(`${plain}…`);
  }
  return new Html(escaped);
}
