export { compileMatcher, type Matcher, type MatcherOptions, type MatchResult } from './matcher';
export { KeywordError, type KeywordList } from './keyword-error';
export { normalize } from './normalize';
export {
  stem,
  StemmerRegistry,
  createDefaultRegistry,
  defaultRegistry,
  DEFAULT_LANGUAGES,
  type LanguageCode,
} from './stemmers/stemmer-registry';
export type { LanguageStemmer } from './stemmers/language-stemmer';
export { snowballEnglish, snowballRussian } from './stemmers/snowball';
export { TokenStemmer } from './stemmers/token-stemmer';
export { DedupWindow, type DedupWindowOptions } from './dedup-window';
