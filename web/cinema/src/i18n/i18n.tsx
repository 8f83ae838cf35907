import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, type MessageKey } from './en';
import { ru } from './ru';

export type Lang = 'en' | 'ru';
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { en, ru };
const STORAGE_KEY = 'cinema.lang';
const PLURAL_FORMS: Record<Lang, Intl.LDMLPluralRule[]> = {
  en: ['one', 'other'],
  ru: ['one', 'few', 'many'],
};

/** Picks the plural form for `count` from `a|b|c` and fills `{name}` placeholders. */
export function format(lang: Lang, template: string, vars: Vars = {}): string {
  let text = template;
  if (template.includes('|') && typeof vars.count === 'number') {
    const forms = template.split('|');
    const rule = new Intl.PluralRules(lang).select(vars.count);
    const index = PLURAL_FORMS[lang].indexOf(rule);
    text = forms[index >= 0 ? index : forms.length - 1] ?? forms[0]!;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    vars[name] === undefined
      ? whole
      : typeof vars[name] === 'number'
        ? formatNumber(lang, vars[name])
        : vars[name],
  );
}

const formatNumber = (lang: Lang, n: number) =>
  new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-US').format(n);

export function translator(lang: Lang): Translate {
  const dict = DICTIONARIES[lang];
  return (key, vars) => format(lang, dict[key] ?? en[key] ?? key, vars);
}

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'ru') return saved;
  } catch {
    // storage may be off; fall through to the browser's language
  }
  return typeof navigator !== 'undefined' && navigator.language?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Translate;
  /** Locale-aware formatting helpers. */
  date(iso: string, withTime?: boolean): string;
  number(n: number): string;
  money(n: number): string;
  country(code: string): string;
  language(code: string): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => fixed ?? initialLang());
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered, still switched
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = DICTIONARIES[lang]['app.name'];
  }, [lang]);

  const value = useMemo<I18n>(() => {
    const locale = lang === 'ru' ? 'ru-RU' : 'en-US';
    const regions = displayNames(locale, 'region');
    const languages = displayNames(locale, 'language');
    return {
      lang,
      setLang,
      t: translator(lang),
      date: (iso, withTime = false) =>
        new Intl.DateTimeFormat(locale, {
          dateStyle: 'medium',
          ...(withTime ? { timeStyle: 'short' } : {}),
        }).format(new Date(iso)),
      number: (n) => new Intl.NumberFormat(locale).format(n),
      money: (n) =>
        new Intl.NumberFormat(locale, {
          style: 'currency',
          currency: 'USD',
          maximumFractionDigits: 0,
        }).format(n),
      country: (code) => regions?.(code) ?? code,
      language: (code) => languages?.(code) ?? code,
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function displayNames(locale: string, type: 'region' | 'language'): ((code: string) => string) | null {
  try {
    const names = new Intl.DisplayNames([locale], { type });
    return (code) => {
      try {
        return names.of(type === 'region' ? code.toUpperCase() : code) ?? code;
      } catch {
        return code;
      }
    };
  } catch {
    return null;
  }
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export function useT(): Translate {
  return useI18n().t;
}
