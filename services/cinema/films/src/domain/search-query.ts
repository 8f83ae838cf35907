/** Longest query we search for; longer input is a bad request, not a slow query. */
export const MAX_QUERY_LENGTH = 300;

/** Trims, collapses whitespace and folds ё to е (the index does the same). */
export function normaliseQuery(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/ё/g, 'е')
    .replace(/Ё/g, 'Е');
}

/** The words of a query (letters and digits only), at most `max`, for an any-word match. */
export function queryWords(query: string, max = 24): string[] {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, max);
}

/** Escapes LIKE wildcards so user input matches literally (with `ESCAPE '\'`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
