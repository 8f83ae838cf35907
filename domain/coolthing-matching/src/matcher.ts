import {
  BMP_CLASSES,
  CHAR_IGNORABLE,
  CHAR_MARK,
  CHAR_UNSAFE,
  CHAR_WORD,
  CLASS_MASK,
  classAt,
  WIDTH_SHIFT,
} from './char-class';
import { KeywordAutomaton } from './keyword-automaton';
import { KeywordError, type KeywordList } from './keyword-error';
import { normalize, normalizeRawToken } from './normalize';
import { detached } from './detached';
import { HASH_SEED, hashStep, MISSING, RawTokenTable } from './raw-token-table';
import {
  DEFAULT_LANGUAGES,
  defaultRegistry,
  type LanguageCode,
  type StemmerRegistry,
} from './stemmers/stemmer-registry';
import type { TokenStemmer } from './stemmers/token-stemmer';

export interface MatcherOptions {
  /** Words or phrases that make a message a lead, as the operator typed them. */
  readonly plus: readonly string[];
  /** Words or phrases that veto a match. */
  readonly minus?: readonly string[];
  /** Stemming languages, tried in this order; default `['ru', 'en']`. */
  readonly languages?: readonly LanguageCode[];
  /** Where the languages' stemmers come from; default Snowball Russian and English. */
  readonly registry?: StemmerRegistry;
  /** Distinct raw words remembered with their stem; default 50,000. */
  readonly tokenCacheSize?: number;
}

export interface MatchResult {
  /** True when a plus keyword matched and no minus keyword vetoed it. */
  readonly matched: boolean;
  /** Plus keywords found, as typed and in the order given; also filled when a veto applies. */
  readonly keywords: readonly string[];
  /** Set when a plus keyword matched: the first minus keyword (in the order given) found too. */
  readonly vetoedBy?: string;
}

export interface Matcher {
  match(text: string): MatchResult;
  /** Stemming languages in the order they are tried. */
  readonly languages: readonly string[];
}

/**
 * Compiles campaign keywords into a matcher whose cost per message does not grow with the
 * number of keywords. Throws KeywordError for a keyword with nothing left after normalisation.
 */
export function compileMatcher(options: MatcherOptions): Matcher {
  return new KeywordMatcher(options);
}

const DEFAULT_TOKEN_CACHE_SIZE = 50_000;
const MAX_CACHED_WORD_LENGTH = 64;
const NO_VETO = -1;
const NO_MATCH: MatchResult = Object.freeze({ matched: false, keywords: Object.freeze([]) });
const ROOT = KeywordAutomaton.ROOT;

/** One distinct stem sequence and the keywords (indexes in their lists) that normalise to it. */
interface Pattern {
  readonly symbols: readonly number[];
  readonly plus: number[];
  readonly minus: number[];
}

class KeywordMatcher implements Matcher {
  readonly languages: readonly string[];
  private readonly stemmer: TokenStemmer;
  private readonly vocabulary = new Map<string, number>();
  private readonly plusKeywords: string[] = [];
  private readonly minusKeywords: string[] = [];
  private readonly automaton: KeywordAutomaton;
  /** Per pattern: its plus keyword indexes, ascending (empty for a minus-only pattern). */
  private readonly patternPlus: (readonly number[])[];
  /** Per pattern: its lowest minus keyword index, or NO_VETO. */
  private readonly patternVeto: Int32Array;
  private readonly rawSymbols: RawTokenTable;

  // Per-message scratch state, reused so that a message without a match and without new words
  // allocates nothing. `seen[p] === epoch` marks pattern p as already reported for this message.
  private readonly seen: Int32Array;
  private epoch = 0;
  private readonly hits: number[] = [];
  private veto = NO_VETO;

  constructor(options: MatcherOptions) {
    const registry = options.registry ?? defaultRegistry();
    this.stemmer = registry.tokenStemmer(options.languages ?? DEFAULT_LANGUAGES);
    this.languages = this.stemmer.languages;
    this.rawSymbols = new RawTokenTable(options.tokenCacheSize ?? DEFAULT_TOKEN_CACHE_SIZE);

    const patterns = new Map<string, Pattern>();
    this.addKeywords('plus', options.plus, this.plusKeywords, patterns);
    this.addKeywords('minus', options.minus ?? [], this.minusKeywords, patterns);

    const list = [...patterns.values()];
    this.automaton = new KeywordAutomaton(
      list.map((pattern) => pattern.symbols),
      this.vocabulary.size,
    );
    this.patternPlus = list.map((pattern) => pattern.plus);
    this.patternVeto = Int32Array.from(list, (pattern) => pattern.minus[0] ?? NO_VETO);
    this.seen = new Int32Array(list.length);
  }

  match(text: string): MatchResult {
    this.startMessage();
    if (!this.scanRaw(text)) {
      // The text needs full NFKC (compatibility characters, a zero-width joiner inside a word).
      this.startMessage();
      this.scanCanonical(text);
    }
    return this.result();
  }

  private addKeywords(
    list: KeywordList,
    keywords: readonly string[],
    kept: string[],
    patterns: Map<string, Pattern>,
  ): void {
    const seenKeywords = new Set<string>();
    keywords.forEach((keyword, index) => {
      if (typeof keyword !== 'string') {
        throw new KeywordError(String(keyword), list, index, 'a keyword must be a string');
      }
      if (seenKeywords.has(keyword)) return;
      seenKeywords.add(keyword);
      const tokens = normalize(keyword);
      if (tokens.length === 0) {
        throw new KeywordError(
          keyword,
          list,
          index,
          'it has no letters or digits, and punctuation, symbols and emoji are ignored in matching',
        );
      }
      const symbols = tokens.map((token) => this.internStem(this.stemmer.stem(token)));
      const key = symbols.join(',');
      let pattern = patterns.get(key);
      if (pattern === undefined) {
        pattern = { symbols, plus: [], minus: [] };
        patterns.set(key, pattern);
      }
      (list === 'plus' ? pattern.plus : pattern.minus).push(kept.length);
      kept.push(keyword);
    });
  }

  private internStem(stem: string): number {
    let symbol = this.vocabulary.get(stem);
    if (symbol === undefined) {
      symbol = this.vocabulary.size;
      this.vocabulary.set(stem, symbol);
    }
    return symbol;
  }

  private startMessage(): void {
    if (this.epoch === 0x7fffffff) {
      this.seen.fill(0);
      this.epoch = 0;
    }
    this.epoch++;
    this.hits.length = 0;
    this.veto = NO_VETO;
  }

  /**
   * Tokenizes the raw text in one pass, with no whole-text NFKC or lower-casing: each word is
   * looked up as written, and only a word never seen before is normalised and stemmed. Returns
   * false, having stopped, where that would differ from normalize(), so the canonical path runs.
   */
  private scanRaw(text: string): boolean {
    const classes = BMP_CLASSES;
    const length = text.length;
    let state = ROOT;
    let i = 0;
    while (i < length) {
      let unit = text.charCodeAt(i);
      let charClass = classes[unit] ?? 0;
      let width = 1;
      if (charClass === 0) {
        const packed = classAt(text, i);
        charClass = packed & CLASS_MASK;
        width = packed >> WIDTH_SHIFT;
      }
      if (charClass === CHAR_WORD) {
        // The word's hash is built while scanning it, so the lookup needs no second pass.
        const start = i;
        let hash = hashStep(HASH_SEED, unit);
        if (width === 2) hash = hashStep(hash, text.charCodeAt(i + 1));
        i += width;
        while (i < length) {
          unit = text.charCodeAt(i);
          charClass = classes[unit] ?? 0;
          width = 1;
          if (charClass === 0) {
            const packed = classAt(text, i);
            charClass = packed & CLASS_MASK;
            width = packed >> WIDTH_SHIFT;
          }
          if (charClass === CHAR_WORD || charClass === CHAR_MARK) {
            hash = hashStep(hash, unit);
            if (width === 2) hash = hashStep(hash, text.charCodeAt(i + 1));
            i += width;
          } else if (charClass === CHAR_IGNORABLE || charClass === CHAR_UNSAFE) {
            return false;
          } else {
            break;
          }
        }
        const symbol = this.rawTokenSymbol(text, start, i, hash);
        // Most words are in no keyword: they only send the automaton back to its root.
        state = symbol < 0 ? ROOT : this.advance(state, symbol);
      } else if (charClass === CHAR_UNSAFE) {
        return false;
      } else {
        // A separator, or an ignorable or mark with no word before it. Punctuation does not break
        // a phrase: "снять, квартиру" has the consecutive tokens снять квартиру, as in normalize().
        i += width;
      }
    }
    return true;
  }

  private scanCanonical(text: string): void {
    let state = ROOT;
    for (const token of normalize(text)) state = this.advance(state, this.symbolOf(token));
  }

  private rawTokenSymbol(text: string, start: number, end: number, hash: number): number {
    // A very long "word" (a pasted hash, letters without spaces) is not worth a cache slot, and
    // caching such words could make the cache hold megabytes.
    if (end - start > MAX_CACHED_WORD_LENGTH) return this.symbolOf(normalizeRawToken(text.slice(start, end)));
    let symbol = this.rawSymbols.find(text, start, end, hash);
    if (symbol === MISSING) {
      const raw = detached(text.slice(start, end));
      symbol = this.symbolOf(normalizeRawToken(raw));
      this.rawSymbols.insert(raw, hash, symbol);
    }
    return symbol;
  }

  /** The token's stem id, or -1 for a stem that is in no keyword. */
  private symbolOf(token: string): number {
    return this.vocabulary.get(this.stemmer.stem(token)) ?? -1;
  }

  private advance(state: number, symbol: number): number {
    const automaton = this.automaton;
    const next = automaton.next(state, symbol);
    const end = automaton.outputStart[next + 1] ?? 0;
    for (let k = automaton.outputStart[next] ?? 0; k < end; k++) this.report(automaton.outputs[k] ?? 0);
    return next;
  }

  private report(pattern: number): void {
    if (this.seen[pattern] === this.epoch) return;
    this.seen[pattern] = this.epoch;
    if ((this.patternPlus[pattern]?.length ?? 0) > 0) this.hits.push(pattern);
    const veto = this.patternVeto[pattern] ?? NO_VETO;
    if (veto !== NO_VETO && (this.veto === NO_VETO || veto < this.veto)) this.veto = veto;
  }

  private result(): MatchResult {
    if (this.hits.length === 0) return NO_MATCH;
    const indexes: number[] = [];
    for (const pattern of this.hits) indexes.push(...(this.patternPlus[pattern] ?? []));
    indexes.sort((a, b) => a - b);
    const keywords = indexes.map((index) => this.plusKeywords[index] ?? '');
    if (this.veto === NO_VETO) return { matched: true, keywords };
    return { matched: false, keywords, vetoedBy: this.minusKeywords[this.veto] ?? '' };
  }
}
