import { describe, expect, it } from 'vitest';
import { normalize } from './normalize';
import type { LanguageStemmer } from './stemmers/language-stemmer';
import { snowballEnglish, snowballRussian } from './stemmers/snowball';
import { createDefaultRegistry, stem, StemmerRegistry } from './stemmers/stemmer-registry';

const stems = (text: string) => normalize(text).map(stem);

describe('Snowball Russian', () => {
  it('reduces the case forms of a noun to one stem', () => {
    expect(stems('квартира квартиру квартиры квартирой квартирах квартире')).toEqual(
      Array(6).fill('квартир'),
    );
  });

  it('gives ипотека and ипотеку one stem but the adjective ипотечный another', () => {
    // Snowball strips endings only: ипотечн- keeps its suffix, so the keyword "ипотека" does not
    // match "ипотечный кредит"; a campaign that wants both lists both.
    expect(stems('ипотека ипотеку ипотеке')).toEqual(['ипотек', 'ипотек', 'ипотек']);
    expect(stems('ипотечный ипотечная ипотечного')).toEqual(['ипотечн', 'ипотечн', 'ипотечн']);
  });

  it('does not join verb forms with different stems', () => {
    // снять → снят, сниму → сним: a phrase keyword "снять квартиру" needs the infinitive.
    expect(stems('снять сниму снимать')).toEqual(['снят', 'сним', 'снима']);
  });

  it('stems ё and е spellings alike, since normalisation folds ё first', () => {
    expect(stems('ёлки')).toEqual(stems('елки'));
  });
});

describe('Snowball English (Porter2)', () => {
  it('reduces inflections', () => {
    expect(stems('apartment apartments')).toEqual(['apart', 'apart']);
    expect(stems('rent rents renting rented')).toEqual(['rent', 'rent', 'rent', 'rent']);
    expect(stems('mortgage mortgages')).toEqual(['mortgag', 'mortgag']);
  });

  it('follows Porter2 where it differs from the original Porter algorithm', () => {
    expect(stems('generously dying skies news')).toEqual(['generous', 'die', 'sky', 'news']);
  });
});

describe('routing tokens to stemmers', () => {
  it('leaves tokens of other scripts and of mixed scripts as they are', () => {
    expect(stem('東京')).toBe('東京');
    expect(stem('iphoneа')).toBe('iphoneа');
    expect(stem('35000')).toBe('35000');
  });

  it('lets digits ride along with letters', () => {
    expect(stem('2комнатной')).toBe('2комнатн');
    expect(stem('3ds')).toBe('3ds');
  });

  it('accepts only its script in each Snowball stemmer', () => {
    expect(snowballRussian().accepts('квартира')).toBe(true);
    expect(snowballRussian().accepts('kvartira')).toBe(false);
    expect(snowballEnglish().accepts('apartment')).toBe(true);
    expect(snowballEnglish().accepts('квартира')).toBe(false);
  });
});

describe('StemmerRegistry', () => {
  const toyGerman: LanguageStemmer = {
    language: 'de',
    accepts: (token) => /^[a-zäöüß]+$/.test(token),
    stem: (token) => token.replace(/(en|e|n)$/, ''),
  };

  it('takes a new language and tries languages in the order given', () => {
    const registry = createDefaultRegistry().register(toyGerman);
    expect(registry.languages).toEqual(['ru', 'en', 'de']);
    expect(registry.tokenStemmer(['de', 'en']).stem('wohnungen')).toBe('wohnung');
    expect(registry.tokenStemmer(['en', 'de']).stem('wohnungen')).toBe('wohnungen');
  });

  it('refuses an unknown language and a second stemmer for one language', () => {
    expect(() => createDefaultRegistry().tokenStemmer(['fr'])).toThrow(
      /no stemmer registered for language "fr"/,
    );
    expect(() => new StemmerRegistry().register(toyGerman).register(toyGerman)).toThrow(/already registered/);
  });

  it('leaves every token as is when no language is enabled', () => {
    expect(createDefaultRegistry().tokenStemmer([]).stem('квартиры')).toBe('квартиры');
  });

  it('shares one cached stemmer per language list', () => {
    const registry = createDefaultRegistry();
    expect(registry.tokenStemmer(['ru'])).toBe(registry.tokenStemmer(['ru']));
    const stemmer = registry.tokenStemmer(['ru']);
    expect(stemmer.stem('квартиры')).toBe(stemmer.stem('квартиры'));
  });
});
