import { BoundedCache } from '../bounded-cache';
import { detached } from '../detached';
import type { LanguageStemmer } from './language-stemmer';

/** Stems shared by every matcher of a language set; chat words repeat, so most calls are hits. */
const DEFAULT_STEM_CACHE_SIZE = 50_000;
// Longer tokens are rare and would make the cache's memory depend on what strangers paste.
const MAX_CACHED_TOKEN_LENGTH = 64;

/**
 * Stems normalised tokens with the first of its language stemmers that accepts each token;
 * a token no stemmer accepts (another script, digits only) is its own stem.
 */
export class TokenStemmer {
  private readonly cache: BoundedCache<string, string>;

  constructor(
    private readonly stemmers: readonly LanguageStemmer[],
    cacheSize = DEFAULT_STEM_CACHE_SIZE,
  ) {
    this.cache = new BoundedCache(cacheSize);
  }

  /** Languages in the order they are tried. */
  get languages(): readonly string[] {
    return this.stemmers.map((stemmer) => stemmer.language);
  }

  stem(token: string): string {
    if (token.length > MAX_CACHED_TOKEN_LENGTH) return this.stemUncached(token);
    const cached = this.cache.get(token);
    if (cached !== undefined) return cached;
    const stemmed = detached(this.stemUncached(token));
    this.cache.set(detached(token), stemmed);
    return stemmed;
  }

  private stemUncached(token: string): string {
    for (const stemmer of this.stemmers) {
      if (stemmer.accepts(token)) return stemmer.stem(token);
    }
    return token;
  }
}
