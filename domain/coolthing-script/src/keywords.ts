// Whole-word keyword matching for branch triggers. Deliberately simpler than the parser's
// stemmed matcher: a branch author lists the exact words ("price", "how much") and expects
// exactly those to fire, in any letter case.

/** Lower-cased words of a text: letters and digits only, `ё` folded to `е`. */
export function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/ё/g, 'е')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** True when the phrase's words occur consecutively in the message's words. */
function containsPhrase(haystack: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  for (let start = 0; start + phrase.length <= haystack.length; start += 1) {
    if (phrase.every((word, i) => haystack[start + i] === word)) return true;
  }
  return false;
}

/**
 * Which of the keywords occur in the message, as whole words: "price" matches "Price?" but
 * not "prices". A keyword of several words matches when they appear in that order, adjacent.
 */
export function matchKeywords(message: string, keywords: readonly string[]): string[] {
  const haystack = words(message);
  return keywords.filter((keyword) => containsPhrase(haystack, words(keyword)));
}
