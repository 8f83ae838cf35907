import type { BackgroundTask, Logger } from '@switchyard/kit';
import type { Gauge } from 'prom-client';
import type { Db } from '../db';
import { yearOf } from '../domain/film-view';
import { embeddingText, normalise, textHash, toRealArrayLiteral } from '../domain/vectors';
import type { Embedder } from '../ports/embedder';
import { embeddingSources, saveEmbedding } from '../repositories/search';

const IDLE_RECHECK_MS = 10 * 60_000;
const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * Keeps a vector for every film: embeds the films that have none for the model, or whose
 * text changed since. Runs at start, when told the catalogue changed, and every few minutes.
 */
export class EmbeddingIndexer implements BackgroundTask {
  readonly name = 'embedding-indexer';
  private dirty = true;
  private wake: (() => void) | undefined;

  constructor(
    private readonly deps: {
      db: Db;
      embedder: Embedder;
      batchSize: number;
      log: Logger;
      embedded: Gauge;
    },
  ) {}

  /** The catalogue changed: look for films to (re-)embed soon. */
  notify(): void {
    this.dirty = true;
    this.wake?.();
  }

  async run(signal: AbortSignal): Promise<void> {
    let backoff = 0;
    while (!signal.aborted) {
      let wait = IDLE_RECHECK_MS;
      if (this.dirty) {
        this.dirty = false;
        try {
          await this.indexOnce(signal);
          backoff = 0;
        } catch (err) {
          if (signal.aborted) return;
          this.dirty = true;
          backoff = Math.min(Math.max(backoff * 2, 2000), MAX_BACKOFF_MS);
          wait = backoff;
          this.deps.log.warn({ err: (err as Error).message, retryInMs: backoff }, 'embedding films failed');
        }
      }
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          this.wake = undefined;
          resolve();
        };
        const timer = setTimeout(() => {
          this.dirty = true;
          done();
        }, wait);
        signal.addEventListener('abort', done);
        this.wake = done;
        if (this.dirty && backoff === 0) done();
      });
    }
  }

  /** One pass: embeds what is missing or stale; returns how many films it embedded. */
  async indexOnce(signal?: AbortSignal): Promise<number> {
    const { db, embedder, batchSize } = this.deps;
    const sources = await embeddingSources(db, embedder.model);
    const stale = sources
      .map((s) => {
        const text = embeddingText({
          title: s.title,
          originalTitle: s.original_title,
          titleRu: s.title_ru,
          year: yearOf(s.release_date),
          tagline: s.tagline,
          genres: s.genres,
          overview: s.overview,
        });
        return { id: Number(s.id), text, hash: textHash(text), stored: s.source_hash };
      })
      .filter((s) => s.hash !== s.stored);
    let done = 0;
    for (let i = 0; i < stale.length; i += batchSize) {
      signal?.throwIfAborted();
      const batch = stale.slice(i, i + batchSize);
      const vectors = await embedder.embed(
        batch.map((b) => b.text),
        signal,
      );
      for (const [j, item] of batch.entries()) {
        await saveEmbedding(db, {
          filmId: item.id,
          model: embedder.model,
          sourceHash: item.hash,
          vector: toRealArrayLiteral(normalise(vectors[j]!)),
        });
      }
      done += batch.length;
    }
    this.deps.embedded.set(sources.length - stale.length + done);
    if (done > 0) this.deps.log.info({ films: done, model: embedder.model }, 'films embedded');
    return done;
  }
}
