import { describe, expect, it } from 'vitest';
import { en } from './en';
import { format, translator } from './i18n';
import { ru } from './ru';

const placeholders = (s: string) => [...new Set(s.match(/\{\w+\}/g) ?? [])].sort();

describe('dictionaries', () => {
  it('have the same keys, no empty strings, and the same placeholders in both languages', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(ru[key].trim(), key).not.toBe('');
      expect(placeholders(ru[key]), key).toEqual(placeholders(en[key]));
    }
  });
});

describe('format', () => {
  it('picks Russian plural forms by count', () => {
    const t = translator('ru');
    expect(t('film.ratings', { count: 1 })).toBe('1 оценка');
    expect(t('film.ratings', { count: 3 })).toBe('3 оценки');
    expect(t('film.ratings', { count: 5 })).toBe('5 оценок');
    expect(t('film.ratings', { count: 21 })).toBe('21 оценка');
    expect(t('home.total', { count: 1450 })).toBe('1\u00a0450 фильмов');
  });

  it('picks English plural forms and fills placeholders', () => {
    const t = translator('en');
    expect(t('film.ratings', { count: 1 })).toBe('1 rating');
    expect(t('film.ratings', { count: 2 })).toBe('2 ratings');
    expect(t('home.resultsFor', { q: 'alien' })).toBe('Results for “alien”');
    expect(format('en', 'left {missing} alone')).toBe('left {missing} alone');
  });
});
