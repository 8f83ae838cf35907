/** Reduces the words of one language to stems; add one to StemmerRegistry to support a language. */
export interface LanguageStemmer {
  /** Language code as campaigns name it (`ru`, `en`). */
  readonly language: string;
  /** True when this stemmer should take the (normalised) token, usually decided by its script. */
  accepts(token: string): boolean;
  /** The stem of a normalised token this stemmer accepts. */
  stem(token: string): string;
}
