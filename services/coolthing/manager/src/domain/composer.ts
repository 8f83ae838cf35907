// The offline composer: deterministic RU/EN offers and replies from the campaign's brief or
// welcome template, the lead's message, matched keywords and profile. Used in embedded mode
// and whenever a campaign has no LLM profile. Same input, same text.
import type { ChatRequest } from '@switchyard/llm';
import type { Lang } from './language';
import type { ComposerContext } from './prompts';

/** A small stable hash (FNV-1a) for picking variants. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const pick = <T>(list: readonly T[], seed: string, salt: string): T =>
  list[hash(`${seed}:${salt}`) % list.length]!;

/** The first sentence (or the first 220 characters) of the brief. */
export function briefLine(brief: string | null): string | null {
  const text = brief?.replace(/\s+/g, ' ').trim();
  if (!text) return null;
  const sentence = /^(.{20,220}?[.!?…])(\s|$)/.exec(text)?.[1] ?? text;
  return sentence.length > 220 ? `${sentence.slice(0, 219).trimEnd()}…` : sentence;
}

const TEXT = {
  en: {
    greet: ['Hi', 'Hello', 'Good day'],
    seen: (chat: string | null, topic: string) =>
      chat ? `I saw your message in «${chat}» about ${topic}.` : `I saw your message about ${topic}.`,
    ask: [
      'Would it be useful if I sent you the details?',
      'Shall I tell you more?',
      'Is this still relevant for you?',
    ],
    fallbackOffer: 'We may be able to help with exactly this.',
    question: ['Good question!', 'Thanks for asking!'],
    interested: ['Great, thank you!', 'Glad it is of interest!'],
    neutral: ['Thank you for your answer!', 'Thanks!'],
    questionTail: 'I will gladly answer anything else, or we can have a short call.',
    interestedTail: 'When would it be convenient to talk it over?',
    neutralTail: 'If any questions come up, just write me here.',
  },
  ru: {
    greet: ['Здравствуйте', 'Добрый день', 'Привет'],
    seen: (chat: string | null, topic: string) =>
      chat ? `Увидел ваше сообщение в «${chat}» про ${topic}.` : `Увидел ваше сообщение про ${topic}.`,
    ask: ['Прислать подробности?', 'Рассказать подробнее?', 'Вам это ещё актуально?'],
    fallbackOffer: 'Кажется, мы можем помочь именно с этим.',
    question: ['Хороший вопрос!', 'Спасибо за вопрос!'],
    interested: ['Отлично, спасибо!', 'Рад, что вам интересно!'],
    neutral: ['Спасибо за ответ!', 'Спасибо!'],
    questionTail: 'С удовольствием отвечу на любые вопросы или созвонимся ненадолго.',
    interestedTail: 'Когда вам удобно всё обсудить?',
    neutralTail: 'Если появятся вопросы, просто напишите мне здесь.',
  },
} as const;

const INTEREST_EN = /\b(yes|sure|interested|how much|price|send|call|tell me more|i'?m in|sign up)\b/i;
const INTEREST_RU =
  /(?<!\p{L})(да|интересн\p{L}*|сколько|цен\p{L}*|прайс|пришлите|скиньте|давайте|подробнее|хочу|беру|созвон\p{L}*)(?!\p{L})/iu;
const interested = (text: string) => INTEREST_EN.test(text) || INTEREST_RU.test(text);

/** `{{first_name}}`, `{{name}}`, `{{username}}`, `{{chat}}`, `{{keyword}}`, `{{keywords}}`, `{{brief}}`. */
export function renderTemplate(template: string, ctx: ComposerContext): string {
  const { lead, campaign } = ctx;
  const values: Record<string, string> = {
    first_name: lead.firstName ?? '',
    name: [lead.firstName, lead.lastName].filter(Boolean).join(' '),
    username: lead.username ? `@${lead.username}` : '',
    chat: lead.chatTitle ?? '',
    keyword: lead.keywords[0] ?? '',
    keywords: lead.keywords.join(', '),
    brief: briefLine(campaign.brief) ?? '',
  };
  return template
    .replace(/\{\{\s*([a-z_]+)\s*\}\}/gi, (whole, key: string) => values[key.toLowerCase()] ?? whole)
    .replace(/[ \t]+([,.!?])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

function offer(ctx: ComposerContext, lang: Lang): string {
  const t = TEXT[lang];
  const { lead, campaign, seed } = ctx;
  if (campaign.welcomeTemplate?.trim()) return renderTemplate(campaign.welcomeTemplate, ctx);
  const name = lead.firstName?.trim();
  const greeting = `${pick(t.greet, seed, 'greet')}${name ? `, ${name}` : ''}!`;
  const topic = lead.keywords.length
    ? `«${lead.keywords.slice(0, 2).join('», «')}»`
    : lang === 'ru'
      ? 'это'
      : 'this';
  return [
    greeting,
    t.seen(lead.chatTitle, topic),
    briefLine(campaign.brief) ?? t.fallbackOffer,
    pick(t.ask, seed, 'ask'),
  ].join(' ');
}

function reply(ctx: ComposerContext, lang: Lang): string {
  const t = TEXT[lang];
  const lastIn = [...ctx.history].reverse().find((m) => m.direction === 'in')?.text ?? '';
  const seed = `${ctx.seed}:${ctx.history.length}`;
  const brief = briefLine(ctx.campaign.brief);
  if (lastIn.includes('?'))
    return [pick(t.question, seed, 'q'), brief ?? '', t.questionTail].filter(Boolean).join(' ');
  if (interested(lastIn)) return [pick(t.interested, seed, 'i'), t.interestedTail].join(' ');
  return [pick(t.neutral, seed, 'n'), t.neutralTail].join(' ');
}

/** The composer for `OfflineLlm`: reads `request.context` (built by prompts.ts). */
export function composeOffline(request: ChatRequest): string {
  const ctx = request.context as ComposerContext | undefined;
  if (!ctx || (ctx.task !== 'offer' && ctx.task !== 'reply'))
    throw new Error('the offline composer needs the structured context of an offer or a reply');
  const lang: Lang = ctx.lead.language === 'ru' ? 'ru' : 'en';
  return (ctx.task === 'offer' ? offer(ctx, lang) : reply(ctx, lang)).slice(0, 4096);
}
