import { createHash } from 'node:crypto';
import type { Cache } from '@switchyard/cache';
import type { Logger } from '@switchyard/kit';
import type { Db } from '../db';
import { queryWords } from '../domain/search-query';
import { normalise, toRealArrayLiteral } from '../domain/vectors';
import type { Embedder } from '../ports/embedder';
import type { AdultFilter } from '../repositories/catalogue';
import { embeddedCount, searchAnyWord, searchByVector, type ScoredFilm } from '../repositories/search';

export type FallbackReason = 'not_configured' | 'not_indexed' | 'unavailable';

export interface SmartAnswer {
  mode: 'semantic' | 'fulltext';
  fallbackReason: FallbackReason | null;
  rows: ScoredFilm[];
}

const QUERY_VECTOR_TTL_MS = 24 * 60 * 60_000;

/**
 * Natural-language search: by meaning when an embeddings endpoint is configured and the
 * catalogue is embedded, by any-word full-text ranking otherwise (and when the endpoint fails).
 */
export class SmartSearch {
  constructor(private readonly deps: { db: Db; embedder: Embedder | null; cache: Cache; log: Logger }) {}

  async search(text: string, adult: AdultFilter, limit: number): Promise<SmartAnswer> {
    const { db, embedder } = this.deps;
    if (!embedder) return this.fallback(text, adult, limit, 'not_configured');
    if ((await embeddedCount(db, embedder.model)) === 0)
      return this.fallback(text, adult, limit, 'not_indexed');
    let vector: number[];
    try {
      vector = await this.queryVector(embedder, text);
    } catch (err) {
      this.deps.log.warn({ err: (err as Error).message }, 'smart search fell back to full text');
      return this.fallback(text, adult, limit, 'unavailable');
    }
    const rows = await searchByVector(db, {
      vector: toRealArrayLiteral(vector),
      model: embedder.model,
      adult,
      limit,
    });
    return { mode: 'semantic', fallbackReason: null, rows };
  }

  private async queryVector(embedder: Embedder, text: string): Promise<number[]> {
    const key = `query-vector:${createHash('sha256').update(`${embedder.model}\n${text}`).digest('hex')}`;
    const cached = await this.deps.cache.get(key).catch(() => null);
    if (cached) return JSON.parse(cached) as number[];
    const [raw] = await embedder.embed([text]);
    const vector = normalise(raw!);
    await this.deps.cache.set(key, JSON.stringify(vector), QUERY_VECTOR_TTL_MS).catch(() => undefined);
    return vector;
  }

  private async fallback(
    text: string,
    adult: AdultFilter,
    limit: number,
    reason: FallbackReason,
  ): Promise<SmartAnswer> {
    const rows = await searchAnyWord(this.deps.db, { text, words: queryWords(text), adult, limit });
    return { mode: 'fulltext', fallbackReason: reason, rows };
  }
}
