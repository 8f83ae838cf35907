// Parser matching throughput: messages per second on one core against 1,000 campaign keywords
// (RU + EN, a fifth of them phrases, plus 50 minus words), and against 10 for comparison.
// Run: node --import tsx bench/parser/matching.ts
import { compileMatcher, type Matcher } from '@switchyard/coolthing-matching';
import {
  EMOJI,
  EN_CHAT_WORDS,
  EN_PHRASE_HEADS,
  EN_TOPIC_NOUNS,
  MINUS_WORDS,
  NAMES,
  PUNCTUATION,
  RU_CHAT_WORDS,
  RU_PHRASE_HEADS,
  RU_TOPIC_NOUNS,
} from './vocabulary';

const KEYWORDS = 1000;
const PHRASE_SHARE = 0.2;
const MINUS = 50;
const MESSAGES = 10_000;
const TARGET_MATCH_SHARE = 0.057;
// Each matcher is measured in ROUNDS slices of ROUND_MS, the two alternating so that a burst of
// load from other processes hits both alike; the median slice is reported.
const ROUNDS = 5;
const ROUND_MS = 600;
const WARMUP_MS = 1000;

// mulberry32: a seeded generator, so every run measures the same messages.
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = seededRandom(20240611);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];

/** A few case forms of a Russian noun, the way people write it in chats. */
function russianForms(noun: string): string[] {
  const stemOf = (cut: number) => noun.slice(0, noun.length - cut);
  if (noun.endsWith('а')) return [noun, `${stemOf(1)}у`, `${stemOf(1)}ы`, `${stemOf(1)}ой`, `${stemOf(1)}е`];
  if (noun.endsWith('я')) return [noun, `${stemOf(1)}ю`, `${stemOf(1)}и`, `${stemOf(1)}ей`];
  if (noun.endsWith('ь')) return [noun, `${stemOf(1)}и`, `${stemOf(1)}ью`];
  if (/[оеи]$/.test(noun)) return [noun];
  return [noun, `${noun}а`, `${noun}ом`, `${noun}ы`, `${noun}у`];
}

function englishForms(word: string): string[] {
  const plural =
    word.endsWith('s') || word.endsWith('x')
      ? `${word}es`
      : word.endsWith('y')
        ? `${word.slice(0, -1)}ies`
        : `${word}s`;
  return [word, plural];
}

function buildKeywords(): { plus: string[]; minus: string[] } {
  const phraseCount = Math.round(KEYWORDS * PHRASE_SHARE);
  const phrases = new Set<string>();
  while (phrases.size < phraseCount) {
    if (random() < 0.6) phrases.add(`${pick(RU_PHRASE_HEADS)} ${pick(russianForms(pick(RU_TOPIC_NOUNS)))}`);
    else phrases.add(`${pick(EN_PHRASE_HEADS)} ${pick(EN_TOPIC_NOUNS)}`);
  }
  const singles = new Set<string>([...RU_TOPIC_NOUNS, ...EN_TOPIC_NOUNS, ...NAMES]);
  // Operators often list several forms of one word; the rest of the 1,000 are such variants,
  // some capitalised as typed.
  while (singles.size < KEYWORDS - phraseCount) {
    const form =
      random() < 0.7 ? pick(russianForms(pick(RU_TOPIC_NOUNS))) : pick(englishForms(pick(EN_TOPIC_NOUNS)));
    singles.add(random() < 0.2 ? form[0]?.toUpperCase() + form.slice(1) : form);
  }
  const plus = [...singles].slice(0, KEYWORDS - phraseCount).concat([...phrases]);
  return { plus, minus: unique(MINUS_WORDS).slice(0, MINUS) };
}

const RU_LETTERS = 'абвгдежзийклмнопрстуфхцчшщыьэюя';
const EN_LETTERS = 'abcdefghijklmnopqrstuvwxyz';

// Names, typos and slang: words no list knows, drawn from a pool so they recur as in real chats.
const rareWords = Array.from({ length: 5000 }, () => {
  const letters = random() < 0.6 ? RU_LETTERS : EN_LETTERS;
  const length = 3 + Math.floor(random() * 8);
  let word = '';
  for (let i = 0; i < length; i++) word += pick([...letters]);
  return word;
});

function noiseToken(): string {
  const roll = random();
  if (roll < 0.3) return String(Math.floor(random() * 100_000));
  if (roll < 0.4) return `${Math.floor(random() * 24)}:${String(Math.floor(random() * 60)).padStart(2, '0')}`;
  if (roll < 0.5) return `@${pick(rareWords)}_${Math.floor(random() * 100)}`;
  if (roll < 0.55) return `https://t.me/${pick(rareWords)}`;
  return pick(rareWords);
}

function keywordMention(plus: readonly string[]): string {
  const keyword = pick(plus);
  if (keyword.includes(' ')) return keyword;
  if (/[а-яё]/i.test(keyword)) return pick(russianForms(keyword.toLowerCase()));
  return random() < 0.5 ? pick(englishForms(keyword.toLowerCase())) : keyword.toUpperCase();
}

function buildMessages(plus: readonly string[], minus: readonly string[]): string[] {
  const messages: string[] = [];
  for (let m = 0; m < MESSAGES; m++) {
    const roll = random();
    const vocabulary =
      roll < 0.55 ? RU_CHAT_WORDS : roll < 0.85 ? EN_CHAT_WORDS : [...RU_CHAT_WORDS, ...EN_CHAT_WORDS];
    const length = 3 + Math.floor(random() * 38);
    const words: string[] = [];
    for (let w = 0; w < length; w++) {
      let word = random() < 0.04 ? noiseToken() : pick(vocabulary);
      if (w === 0 && random() < 0.5) word = word.charAt(0).toUpperCase() + word.slice(1);
      if (random() < 0.1) word += pick(PUNCTUATION);
      words.push(word);
      if (random() < 0.04) words.push(pick(EMOJI));
    }
    if (random() < TARGET_MATCH_SHARE)
      words.splice(Math.floor(random() * words.length), 0, keywordMention(plus));
    if (random() < 0.01) words.splice(Math.floor(random() * words.length), 0, pick(minus));
    messages.push(words.join(' '));
  }
  return messages;
}

/**
 * Matches the messages in a loop for at least `ms` of wall time. Returns messages per wall-clock
 * second and per second of this process's CPU time; the second shows the cost when other
 * processes share the machine's cores.
 */
function measure(matcher: Matcher, messages: readonly string[], ms: number): { wall: number; cpu: number } {
  let processed = 0;
  let matched = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let elapsed = 0;
  while (elapsed < ms) {
    for (const message of messages) if (matcher.match(message).matched) matched++;
    processed += messages.length;
    elapsed = performance.now() - start;
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  if (matched < 0) throw new Error('unreachable: keeps the matching from being optimised away');
  return { wall: Math.round((processed / elapsed) * 1000), cpu: Math.round((processed / cpuMs) * 1000) };
}

const { plus, minus } = buildKeywords();
const messages = buildMessages(plus, minus);

const large = compileMatcher({ plus, minus });
const small = compileMatcher({ plus: plus.slice(0, 10), minus: minus.slice(0, 5) });

let matchedOnce = 0;
for (const message of messages) if (large.match(message).matched) matchedOnce++;

measure(large, messages, WARMUP_MS);
measure(small, messages, WARMUP_MS);
const largeRounds: { wall: number; cpu: number }[] = [];
const smallRounds: { wall: number; cpu: number }[] = [];
for (let round = 0; round < ROUNDS; round++) {
  largeRounds.push(measure(large, messages, ROUND_MS));
  smallRounds.push(measure(small, messages, ROUND_MS));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

console.log(
  JSON.stringify({
    keywords: plus.length,
    minusKeywords: minus.length,
    phrases: plus.filter((keyword) => keyword.includes(' ')).length,
    messages: messages.length,
    averageWords:
      Math.round((messages.reduce((sum, text) => sum + text.split(' ').length, 0) / messages.length) * 10) /
      10,
    measuredSeconds: (ROUNDS * ROUND_MS) / 1000,
    messagesPerSecond: median(largeRounds.map((round) => round.wall)),
    tenKeywordsMessagesPerSecond: median(smallRounds.map((round) => round.wall)),
    messagesPerCpuSecond: median(largeRounds.map((round) => round.cpu)),
    tenKeywordsMessagesPerCpuSecond: median(smallRounds.map((round) => round.cpu)),
    matchRate: Math.round((matchedOnce / messages.length) * 10000) / 10000,
    node: process.version,
  }),
);
