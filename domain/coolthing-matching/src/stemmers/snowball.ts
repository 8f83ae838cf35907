import { newStemmer } from 'snowball-stemmers';
import type { LanguageStemmer } from './language-stemmer';

const COMBINING_FIRST = 0x0300;
const COMBINING_LAST = 0x036f;

function isAsciiDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isCombining(code: number): boolean {
  return code >= COMBINING_FIRST && code <= COMBINING_LAST;
}

/**
 * True when every letter of the token is in the script and there is at least one: digits and
 * combining marks may appear (`2х`, `3d`), other scripts may not (a mixed `iphoneа` is left as is,
 * since neither stemmer knows it).
 */
function isWrittenIn(token: string, isScriptLetter: (code: number) => boolean): boolean {
  let letters = 0;
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    if (isScriptLetter(code)) letters++;
    else if (!isAsciiDigit(code) && !isCombining(code)) return false;
  }
  return letters > 0;
}

function isCyrillic(code: number): boolean {
  return code >= 0x0400 && code <= 0x052f;
}

function isLatin(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0xdf && code <= 0xff && code !== 0xf7) ||
    (code >= 0x100 && code <= 0x24f)
  );
}

/** Snowball's Russian algorithm, for Cyrillic tokens. */
export function snowballRussian(): LanguageStemmer {
  const snowball = newStemmer('russian');
  return {
    language: 'ru',
    accepts: (token) => isWrittenIn(token, isCyrillic),
    stem: (token) => snowball.stem(token),
  };
}

/** Snowball's English algorithm (Porter2), for Latin tokens. */
export function snowballEnglish(): LanguageStemmer {
  const snowball = newStemmer('english');
  return {
    language: 'en',
    accepts: (token) => isWrittenIn(token, isLatin),
    stem: (token) => snowball.stem(token),
  };
}
