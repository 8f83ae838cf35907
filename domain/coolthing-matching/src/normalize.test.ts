import { describe, expect, it } from 'vitest';
import { foldToken, normalize } from './normalize';

describe('normalize', () => {
  it('lower-cases and drops punctuation, symbols and emoji', () => {
    expect(normalize('КВАРТИРУ!!!')).toEqual(['квартиру']);
    expect(normalize('квартиру🔥')).toEqual(['квартиру']);
    expect(normalize('🔥🔥квартиру,снять…(срочно)')).toEqual(['квартиру', 'снять', 'срочно']);
    expect(normalize('«Квартира» — $500/мес; #аренда @ivan')).toEqual([
      'квартира',
      '500',
      'мес',
      'аренда',
      'ivan',
    ]);
  });

  it('folds ё to е so both spellings meet', () => {
    expect(normalize('Ёлка ёлка елка ЕЛКА')).toEqual(['елка', 'елка', 'елка', 'елка']);
    expect(normalize('е\u0308лка')).toEqual(['елка']); // ё typed as е + combining diaeresis
  });

  it('keeps digits, and splits on every kind of whitespace', () => {
    expect(normalize('2-к\u00a0квартира\tза\n35000')).toEqual(['2', 'к', 'квартира', 'за', '35000']);
    expect(normalize('iphone15 pro')).toEqual(['iphone15', 'pro']);
  });

  it('splits hyphenated words and apostrophes into parts', () => {
    expect(normalize('интернет-магазин')).toEqual(['интернет', 'магазин']);
    expect(normalize("don't")).toEqual(['don', 't']);
  });

  it('applies NFKC: full-width, styled and superscript characters become plain', () => {
    expect(normalize('ＫＶＡＲＴＩＲＡ')).toEqual(['kvartira']);
    expect(normalize('𝐀𝐩𝐚𝐫𝐭𝐦𝐞𝐧𝐭')).toEqual(['apartment']);
    expect(normalize('м²')).toEqual(['м2']);
    expect(normalize('ﬁnd')).toEqual(['find']);
  });

  it('removes invisible characters and stress accents inside words', () => {
    expect(normalize('кварти\u0301ру')).toEqual(['квартиру']);
    expect(normalize('квар\u00adтиру')).toEqual(['квартиру']); // soft hyphen
    expect(normalize('квар\u200dтиру')).toEqual(['квартиру']); // zero-width joiner
    expect(normalize('❤️ 1️⃣ 👨‍👩‍👧')).toEqual(['1']);
  });

  it('keeps other scripts and their combining marks', () => {
    expect(normalize('café Ölpreis 東京 हिन्दी')).toEqual(['café', 'ölpreis', '東京', 'हिन्दी']);
    expect(normalize('ΟΔΟΣ')).toEqual(['οδοσ']);
  });

  it('gives nothing for text without letters or digits', () => {
    expect(normalize('')).toEqual([]);
    expect(normalize(' !!! 🔥 … ')).toEqual([]);
  });
});

describe('foldToken', () => {
  it('lower-cases and folds ё and final sigma', () => {
    expect(foldToken('ЁЖИК')).toBe('ежик');
    expect(foldToken('λόγος')).toBe('λόγοσ');
  });
});
