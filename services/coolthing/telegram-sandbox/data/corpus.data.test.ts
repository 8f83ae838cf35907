import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';

type Lang = 'ru' | 'en';
type PerLang<T> = Record<Lang, T>;

interface ChatTopic {
  key: string;
  title_ru: string;
  title_en: string;
  keywords_ru: string[];
  keywords_en: string[];
}

interface Corpus {
  first_names: PerLang<string[]>;
  last_names: PerLang<string[]>;
  bios: PerLang<string[]>;
  chat_topics: ChatTopic[];
  messages: PerLang<Record<string, string[]>>;
  small_talk: PerLang<string[]>;
  dm_replies: PerLang<Record<'interested' | 'neutral' | 'question' | 'opt_out', string[]>>;
  reactions: string[];
}

const LANGS: Lang[] = ['ru', 'en'];
const REQUIRED_TOPICS = [
  'realestate',
  'crypto',
  'it_jobs',
  'travel',
  'fitness',
  'parenting',
  'cars',
  'marketing',
  'english',
  'renovation',
  'startups',
  'freelance',
];
const CYRILLIC = /[А-Яа-яЁё]/;
// Rough markers of a "marketer would care" intent: someone looking for / asking to be recommended something.
const INTENT: PerLang<RegExp> = {
  ru: /(ищу|ищем|нужен|нужна|нужно|нужны|посоветуйте|подскажите|посоветует|порекомендуйте|кто знает|хочу купить|хочу начать|хочу вложиться|ищет)/i,
  en: /(looking for|need|recommend|anyone know|know any|suggest|hiring|want to|where can i|where do you)/i,
};

const corpus = JSON.parse(readFileSync(new URL('./corpus.json', import.meta.url), 'utf8')) as Corpus;

const words = (s: string): number => s.trim().split(/\s+/).filter(Boolean).length;

function expectStringList(list: unknown, min: number, label: string): void {
  expect(Array.isArray(list), label).toBe(true);
  const arr = list as unknown[];
  expect(arr.length, label).toBeGreaterThanOrEqual(min);
  for (const s of arr) {
    expect(typeof s, label).toBe('string');
    expect((s as string).trim().length, label).toBeGreaterThan(0);
  }
  expect(new Set(arr).size, `${label} has duplicates`).toBe(arr.length);
}

describe('telegram sandbox corpus.json', () => {
  it('has names and bios in both languages', () => {
    for (const lang of LANGS) {
      expectStringList(corpus.first_names[lang], 80, `first_names.${lang}`);
      expectStringList(corpus.last_names[lang], 80, `last_names.${lang}`);
      expectStringList(corpus.bios[lang], 40, `bios.${lang}`);
    }
    for (const n of [...corpus.first_names.ru, ...corpus.last_names.ru]) expect(n).toMatch(CYRILLIC);
    for (const n of [...corpus.first_names.en, ...corpus.last_names.en]) expect(n).toMatch(/^[A-Z][a-z]+$/);
  });

  it('defines at least 12 chat topics, including the required ones', () => {
    const topics = corpus.chat_topics;
    expect(topics.length).toBeGreaterThanOrEqual(12);
    const keys = topics.map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of REQUIRED_TOPICS) expect(keys).toContain(k);
    for (const t of topics) {
      expect(t.key).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(t.title_ru.trim().length, t.key).toBeGreaterThan(0);
      expect(t.title_ru, t.key).toMatch(CYRILLIC);
      expect(t.title_en.trim().length, t.key).toBeGreaterThan(0);
      expectStringList(t.keywords_ru, 5, `${t.key}.keywords_ru`);
      expectStringList(t.keywords_en, 5, `${t.key}.keywords_en`);
    }
  });

  it('every topic has at least 40 messages of 3-40 words in both languages', () => {
    const keys = corpus.chat_topics.map((t) => t.key);
    for (const lang of LANGS) {
      expect(Object.keys(corpus.messages[lang]).sort()).toEqual([...keys].sort());
      for (const key of keys) {
        const msgs = corpus.messages[lang][key];
        expectStringList(msgs, 40, `messages.${lang}.${key}`);
        for (const m of msgs ?? []) {
          const n = words(m);
          expect(n, `${lang}.${key}: ${m}`).toBeGreaterThanOrEqual(3);
          expect(n, `${lang}.${key}: ${m}`).toBeLessThanOrEqual(40);
          if (lang === 'ru') expect(m, `${key}: ${m}`).toMatch(CYRILLIC);
          else expect(m, `${key}: ${m}`).not.toMatch(CYRILLIC);
        }
      }
    }
  });

  it('roughly a third of topic messages carry a marketer-relevant intent', () => {
    for (const lang of LANGS) {
      for (const [key, msgs] of Object.entries(corpus.messages[lang])) {
        const share = msgs.filter((m) => INTENT[lang].test(m)).length / msgs.length;
        expect(share, `${lang}.${key} intent share ${share.toFixed(2)}`).toBeGreaterThanOrEqual(0.2);
        expect(share, `${lang}.${key} intent share ${share.toFixed(2)}`).toBeLessThanOrEqual(0.7);
      }
    }
  });

  it('has varied message lengths, including some long ones', () => {
    for (const lang of LANGS) {
      const all = Object.values(corpus.messages[lang]).flat();
      expect(all.filter((m) => words(m) >= 20).length, lang).toBeGreaterThanOrEqual(12);
      expect(all.filter((m) => words(m) <= 6).length, lang).toBeGreaterThanOrEqual(50);
    }
  });

  it('has small talk in both languages', () => {
    for (const lang of LANGS) expectStringList(corpus.small_talk[lang], 60, `small_talk.${lang}`);
  });

  it('has DM replies per category, with non-empty opt-out lists', () => {
    for (const lang of LANGS) {
      const dm = corpus.dm_replies[lang];
      expect(Object.keys(dm).sort()).toEqual(['interested', 'neutral', 'opt_out', 'question']);
      expectStringList(dm.interested, 25, `dm_replies.${lang}.interested`);
      expectStringList(dm.neutral, 25, `dm_replies.${lang}.neutral`);
      expectStringList(dm.question, 25, `dm_replies.${lang}.question`);
      expectStringList(dm.opt_out, 15, `dm_replies.${lang}.opt_out`);
    }
    expect(corpus.dm_replies.ru.opt_out).toContain('стоп');
    expect(corpus.dm_replies.en.opt_out).toContain('stop');
    expect(corpus.dm_replies.en.opt_out).toContain('unsubscribe');
  });

  it('has reactions', () => {
    expectStringList(corpus.reactions, 5, 'reactions');
    for (const r of ['👍', '❤️', '🔥', '😂', '👏']) expect(corpus.reactions).toContain(r);
  });
});
