import { describe, expect, it } from 'vitest';
import { KeywordError } from './keyword-error';
import { compileMatcher } from './matcher';

describe('compileMatcher: words', () => {
  const matcher = compileMatcher({ plus: ['квартира', 'apartment', 'rent'] });

  it('matches inflected Russian forms of a keyword', () => {
    for (const text of ['сдаю квартиру', 'нет квартиры', 'с квартирой', 'о квартире', 'квартира']) {
      expect(matcher.match(text)).toEqual({ matched: true, keywords: ['квартира'] });
    }
  });

  it('matches English inflections', () => {
    expect(matcher.match('Two apartments available').keywords).toEqual(['apartment']);
    expect(matcher.match('renting out, rented before').keywords).toEqual(['rent']);
  });

  it('ignores case, punctuation, emoji and ё', () => {
    expect(matcher.match('КВАРТИРУ!!!').matched).toBe(true);
    expect(matcher.match('квартиру🔥').matched).toBe(true);
    expect(matcher.match('…«кВаРтИрУ»?!').matched).toBe(true);
    const tree = compileMatcher({ plus: ['ёлка'] });
    expect(tree.match('продам елку').matched).toBe(true);
    expect(compileMatcher({ plus: ['елка'] }).match('Ёлки зелёные').matched).toBe(true);
  });

  it('does not match a different word that merely contains the keyword', () => {
    expect(matcher.match('квартирант ищет жильё').matched).toBe(false);
    expect(matcher.match('parent meeting').matched).toBe(false);
  });

  it('returns a non-match for text with no words', () => {
    expect(matcher.match('')).toEqual({ matched: false, keywords: [] });
    expect(matcher.match('🔥🔥🔥 !!!')).toEqual({ matched: false, keywords: [] });
  });
});

describe('compileMatcher: phrases', () => {
  const matcher = compileMatcher({ plus: ['снять квартиру'] });

  it('matches when the stems stand consecutively', () => {
    expect(matcher.match('хочу снять квартиру в центре')).toEqual({
      matched: true,
      keywords: ['снять квартиру'],
    });
    expect(matcher.match('Снять, квартиру!').matched).toBe(true);
    expect(matcher.match('снять квартиры').matched).toBe(true);
  });

  it('does not match the words apart or in another order', () => {
    expect(matcher.match('квартиру хочу снять').matched).toBe(false);
    expect(matcher.match('снять бы квартиру').matched).toBe(false);
    expect(matcher.match('снять').matched).toBe(false);
  });

  it('treats a hyphenated keyword as a phrase of its parts', () => {
    const shop = compileMatcher({ plus: ['интернет-магазин'] });
    expect(shop.match('открыл интернет магазин').matched).toBe(true);
    expect(shop.match('открыл интернет-магазин').matched).toBe(true);
    expect(shop.match('магазин без интернета').matched).toBe(false);
  });

  it('finds overlapping phrases and words together', () => {
    const overlapping = compileMatcher({
      plus: ['снять квартиру', 'квартиру в центре', 'центр', 'в центре города'],
    });
    expect(overlapping.match('снять квартиру в центре').keywords).toEqual([
      'снять квартиру',
      'квартиру в центре',
      'центр',
    ]);
  });
});

describe('compileMatcher: minus keywords', () => {
  const matcher = compileMatcher({ plus: ['квартира', 'студия'], minus: ['посуточно', 'без посредников'] });

  it('vetoes a match and says which minus keyword did', () => {
    expect(matcher.match('Сдаю квартиру посуточно')).toEqual({
      matched: false,
      keywords: ['квартира'],
      vetoedBy: 'посуточно',
    });
    expect(matcher.match('квартира без посредников').vetoedBy).toBe('без посредников');
  });

  it('reports the first minus keyword in list order when several are present', () => {
    expect(matcher.match('без посредников посуточно студия').vetoedBy).toBe('посуточно');
  });

  it('does not report a veto for a message no plus keyword matched', () => {
    expect(matcher.match('посуточно в центре')).toEqual({ matched: false, keywords: [] });
  });

  it('lets a minus phrase veto only when its words are consecutive', () => {
    expect(matcher.match('квартира без мебели, посредников нет').matched).toBe(true);
  });
});

describe('compileMatcher: keywords as typed', () => {
  it('reports the keyword as the operator typed it, capitals included', () => {
    const matcher = compileMatcher({ plus: ['Квартира', 'iPhone 15'] });
    expect(matcher.match('продам IPHONE 15 и квартиру').keywords).toEqual(['Квартира', 'iPhone 15']);
  });

  it('reports every keyword that normalises to the same stems, in list order', () => {
    const matcher = compileMatcher({ plus: ['квартиру', 'Квартира', 'квартира', 'квартиру'] });
    expect(matcher.match('квартиры').keywords).toEqual(['квартиру', 'Квартира', 'квартира']);
  });

  it('matches a mixed Russian and English message', () => {
    const matcher = compileMatcher({ plus: ['ипотека', 'mortgage broker', 'apartment'] });
    expect(
      matcher.match('Нужна ипотека, ищу хорошего mortgage broker для apartments в Дубае').keywords,
    ).toEqual(['ипотека', 'mortgage broker', 'apartment']);
  });

  it('matches characters that need full NFKC (full-width, styled letters)', () => {
    const matcher = compileMatcher({ plus: ['apartment', 'квартира'] });
    expect(matcher.match('ＡＰＡＲＴＭＥＮＴ for rent').matched).toBe(true);
    expect(matcher.match('𝐚𝐩𝐚𝐫𝐭𝐦𝐞𝐧𝐭').matched).toBe(true);
    expect(matcher.match('кварти\u0301ра').matched).toBe(true);
  });

  it('matches words too long for the caches', () => {
    const long = 'квартиры'.repeat(20);
    const matcher = compileMatcher({ plus: [long, 'дом'] });
    expect(matcher.match(`вот ${long.toUpperCase()}!`).keywords).toEqual([long]);
    expect(matcher.match(`${long}ы дом`).keywords).toEqual(['дом']);
  });

  it('compiles an empty keyword set into a matcher that matches nothing', () => {
    expect(compileMatcher({ plus: [] }).match('квартира').matched).toBe(false);
  });
});

describe('compileMatcher: invalid keywords', () => {
  it('rejects a keyword that normalises to nothing, naming it and its list', () => {
    expect(() => compileMatcher({ plus: ['квартира', '!!!'] })).toThrow(KeywordError);
    expect(() => compileMatcher({ plus: ['квартира', '!!!'] })).toThrow(/plus keyword #2 "!!!"/);
    expect(() => compileMatcher({ plus: ['квартира'], minus: ['🔥'] })).toThrow(/minus keyword #1 "🔥"/);
    expect(() => compileMatcher({ plus: ['   '] })).toThrow(/no letters or digits/);
  });

  it('exposes the keyword, list and position on the error', () => {
    try {
      compileMatcher({ plus: ['ok', '', 'fine'] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KeywordError);
      expect(error).toMatchObject({ keyword: '', list: 'plus', index: 1 });
    }
  });

  it('rejects a language without a stemmer', () => {
    expect(() => compileMatcher({ plus: ['x'], languages: ['xx'] })).toThrow(/no stemmer registered/);
  });
});

describe('compileMatcher: languages', () => {
  it('stems only the languages asked for', () => {
    const russianOnly = compileMatcher({ plus: ['квартира', 'apartment'], languages: ['ru'] });
    expect(russianOnly.languages).toEqual(['ru']);
    expect(russianOnly.match('квартиры').matched).toBe(true);
    expect(russianOnly.match('apartments').matched).toBe(false);
    expect(russianOnly.match('apartment').matched).toBe(true);
  });
});
