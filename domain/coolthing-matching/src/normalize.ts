import { IGNORABLE_PATTERN, TOKEN_PATTERN } from './char-class';

/**
 * Case-folds one token: lower case, then the two letters whose lower case still has variants
 * (`ё` is written as `е` in most Russian text; Greek final `ς` is the same letter as `σ`).
 * Folding is per token, so a word's folding never depends on what stands next to it.
 */
export function foldToken(token: string): string {
  let folded = token.toLowerCase();
  if (folded.includes('ё')) folded = folded.replaceAll('ё', 'е');
  if (folded.includes('ς')) folded = folded.replaceAll('ς', 'σ');
  return folded;
}

/**
 * Splits text into normalised tokens; this is the definition every faster path must agree with.
 *
 * 1. NFKC: full-width, ligature and styled letters become plain ones (ｋｖ → kv, 𝐀 → A, ² → 2).
 * 2. Invisible characters, enclosing marks and stress accents are removed (see IGNORABLE_PATTERN).
 * 3. Tokens are runs of letters, digits and their combining marks. Everything else — whitespace,
 *    punctuation, symbols, emoji — separates tokens and is dropped. Hyphens and apostrophes split
 *    too: `интернет-магазин` is the two tokens `интернет магазин`, `don't` is `don t`. Keywords go
 *    through the same function, so the keyword `интернет-магазин` becomes a two-word phrase that
 *    matches both spellings.
 * 4. Each token is case-folded by foldToken.
 */
export function normalize(text: string): string[] {
  const cleaned = text.normalize('NFKC').replace(IGNORABLE_PATTERN, '');
  const tokens: string[] = [];
  for (const match of cleaned.matchAll(TOKEN_PATTERN)) tokens.push(foldToken(match[0]));
  return tokens;
}

/**
 * Normalises a token the fast tokenizer cut out of raw text. Its characters are each NFKC-stable
 * and it holds no ignorable, so NFKC can only compose a letter with its marks (e + ́ → é).
 */
export function normalizeRawToken(raw: string): string {
  return foldToken(raw.normalize('NFKC'));
}
