import type { LanguageStemmer } from './language-stemmer';
import { snowballEnglish, snowballRussian } from './snowball';
import { TokenStemmer } from './token-stemmer';

/** A language code: the built-in ones, or any language registered on a StemmerRegistry. */
// `string & {}` keeps editor completion for the built-in codes while accepting any string.
export type LanguageCode = 'ru' | 'en' | (string & {});

/** Languages a campaign matches in when it names none. */
export const DEFAULT_LANGUAGES: readonly LanguageCode[] = ['ru', 'en'];

/** The language stemmers available to matchers; register one to add a language. */
export class StemmerRegistry {
  private readonly byLanguage = new Map<string, LanguageStemmer>();
  // One TokenStemmer (and so one stem cache) per language list, shared by all matchers using it.
  private readonly tokenStemmers = new Map<string, TokenStemmer>();

  register(stemmer: LanguageStemmer): this {
    if (this.byLanguage.has(stemmer.language)) {
      throw new Error(`a stemmer for language "${stemmer.language}" is already registered`);
    }
    this.byLanguage.set(stemmer.language, stemmer);
    return this;
  }

  get languages(): readonly string[] {
    return [...this.byLanguage.keys()];
  }

  /**
   * A cached stemmer for these languages; where two accept the same token (two Latin-script
   * languages), the one listed first wins.
   */
  tokenStemmer(languages: readonly LanguageCode[] = DEFAULT_LANGUAGES): TokenStemmer {
    const key = languages.join(',');
    let tokenStemmer = this.tokenStemmers.get(key);
    if (tokenStemmer === undefined) {
      const stemmers = [...new Set(languages)].map((language) => this.require(language));
      tokenStemmer = new TokenStemmer(stemmers);
      this.tokenStemmers.set(key, tokenStemmer);
    }
    return tokenStemmer;
  }

  private require(language: string): LanguageStemmer {
    const stemmer = this.byLanguage.get(language);
    if (stemmer === undefined) {
      const known = this.languages.join(', ') || 'none';
      throw new Error(`no stemmer registered for language "${language}" (registered: ${known})`);
    }
    return stemmer;
  }
}

/** A registry with Snowball Russian and English, the languages the spec requires. */
export function createDefaultRegistry(): StemmerRegistry {
  return new StemmerRegistry().register(snowballRussian()).register(snowballEnglish());
}

let sharedRegistry: StemmerRegistry | undefined;

/** The process-wide default registry, created on first use. */
export function defaultRegistry(): StemmerRegistry {
  sharedRegistry ??= createDefaultRegistry();
  return sharedRegistry;
}

/** Stems one normalised token (from normalize()) with the default Russian and English stemmers. */
export function stem(token: string): string {
  return defaultRegistry().tokenStemmer().stem(token);
}
