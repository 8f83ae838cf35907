/**
 * Telegram HTML built safely: every interpolated value is escaped unless it is already
 * `Html`. The original bot sent user text unescaped, and one `<` in a lead's message made
 * Telegram refuse the message and killed its consumer.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Escapes text for Telegram's HTML parse mode (the four entities it understands). */
export const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

type Part = Html | string | number | null | undefined | readonly (Html | string | number)[];

const part = (v: Part): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return (v as (Html | string | number)[]).map((x) => part(x)).join('');
  return escapeHtml(String(v));
};

/**
 * Tagged template for Telegram markup: the literal parts are markup, the values are escaped.
 * (Not named `html`: Prettier would reformat such templates as HTML and change the text.)
 */
export function tg(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += part(v) + strings[i + 1]!;
  });
  return new Html(out);
}

/** Joins pieces of markup with a separator (escaped when it is text). */
export const join = (items: readonly Html[], separator: Html | string): Html =>
  new Html(items.map((i) => i.value).join(part(separator)));

/** Shortens text to `max` characters (before escaping, so an entity is never cut). */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** Shortens text keeping its line breaks. */
export function clipLines(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&amp;': '&' };

/** The text a reader sees: tags dropped, entities resolved (our markup only, never user input). */
export const toPlain = (markup: Html | string): string =>
  String(markup)
    .replace(/<[^>]*>/g, '')
    .replace(/&(lt|gt|quot|amp);/g, (e) => ENTITIES[e]!);

/** Lines of a message; null and false leave a line out. */
export const lines = (...items: (Html | null | false | undefined)[]): Html =>
  new Html(
    items
      .filter((i): i is Html => i instanceof Html)
      .map((i) => i.value)
      .join('\n'),
  );
