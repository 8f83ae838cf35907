// Opt-out detection (coolthing.md "Responsible outreach"): a reply containing one of the
// phrases, compared as whole words after the parser's normalisation (case, ё/е, punctuation and
// emoji ignored). Erring towards suppression is the safe side: "stop" anywhere in a short
// reply counts, "stopwatch" does not.
import { normalize } from '@switchyard/coolthing-matching';

/** RU and EN phrases people use to refuse messages. */
export const DEFAULT_OPT_OUT_PHRASES: readonly string[] = [
  // English
  'stop',
  'unsubscribe',
  'opt out',
  "don't message me",
  "don't text me",
  "don't write to me",
  'do not message me',
  'do not contact me',
  'do not write to me',
  'stop writing',
  'stop messaging',
  'stop sending',
  'stop spamming',
  'this is spam',
  'leave me alone',
  'remove me',
  'delete my contact',
  'never agreed',
  'block you',
  'not interested',
  // Russian
  'стоп',
  'отписаться',
  'отпишитесь',
  'отпишите меня',
  'не пишите',
  'не писать',
  'не надо мне писать',
  'не беспокойте',
  'прекратите',
  'хватит писать',
  'хватит спамить',
  'это спам',
  'спам',
  'удалите мой контакт',
  'уберите меня',
  'отстаньте',
  'не давал согласия',
  'не давала согласия',
  'заблокирую',
  'не интересно',
  'неинтересно',
];

/** Phrases as token sequences, ready to look for. */
export interface OptOutMatcher {
  match(text: string): string | null;
}

/** Builds the matcher; phrases that normalise to nothing are refused with their text. */
export function optOutMatcher(phrases: readonly string[]): OptOutMatcher {
  const compiled = phrases.map((phrase) => {
    const tokens = normalize(phrase);
    if (tokens.length === 0) throw new Error(`opt-out phrase ${JSON.stringify(phrase)} has no words`);
    return { phrase, tokens };
  });
  return {
    match(text) {
      const words = normalize(text);
      for (const { phrase, tokens } of compiled) {
        for (let i = 0; i + tokens.length <= words.length; i++) {
          if (tokens.every((t, j) => words[i + j] === t)) return phrase;
        }
      }
      return null;
    },
  };
}

/** `a, b; c` or one per line. */
export function parsePhrases(text: string): string[] {
  return text
    .split(/[\n;,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
