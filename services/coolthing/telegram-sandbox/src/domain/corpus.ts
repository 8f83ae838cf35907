import { readFileSync } from 'node:fs';
import { z } from 'zod';

export type Lang = 'ru' | 'en';
export type DmReplyKind = 'interested' | 'neutral' | 'question' | 'opt_out';

const perLang = <T extends z.ZodType>(t: T) => z.object({ ru: t, en: t });
const list = z.array(z.string().min(1)).min(1);

const CorpusSchema = z.object({
  first_names: perLang(list),
  last_names: perLang(list),
  bios: perLang(list),
  chat_topics: z
    .array(
      z.object({
        key: z.string(),
        title_ru: z.string(),
        title_en: z.string(),
        keywords_ru: list,
        keywords_en: list,
      }),
    )
    .min(1),
  messages: perLang(z.record(z.string(), list)),
  small_talk: perLang(list),
  dm_replies: perLang(z.object({ interested: list, neutral: list, question: list, opt_out: list })),
  reactions: list,
});

/** Names, bios, chat topics with keyword-bearing messages, small talk and DM replies (RU/EN). */
export type Corpus = z.infer<typeof CorpusSchema>;
export type ChatTopic = Corpus['chat_topics'][number];

let cached: Corpus | undefined;

/** The corpus shipped in `data/corpus.json`, validated once. */
export function loadCorpus(): Corpus {
  if (cached) return cached;
  const raw = readFileSync(new URL('../../data/corpus.json', import.meta.url), 'utf8');
  cached = CorpusSchema.parse(JSON.parse(raw));
  return cached;
}
