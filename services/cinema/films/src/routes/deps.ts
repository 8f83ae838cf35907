import type { Enqueue } from '@switchyard/bus';
import type { Logger } from '@switchyard/kit';
import type { Transaction } from '@switchyard/store';
import type { Db, FilmsDB } from '../db';
import type { ListingCache } from '../app/listing-cache';
import type { SmartSearch } from '../app/smart-search';
import type { PosterLocator } from '../domain/film-view';
import type { FilmsMetrics } from '../metrics';
import type { PosterStorage } from '../ports/poster-storage';

/** What the routes need; the composition root builds it from the service context. */
export interface Deps {
  db: Db;
  /** Writes and the events they publish, in one transaction (outbox). */
  transaction<T>(fn: (trx: Transaction<FilmsDB>, publish: Enqueue) => Promise<T>): Promise<T>;
  posters: PosterStorage;
  poster: PosterLocator;
  smartSearch: SmartSearch;
  /** Tells the embedding indexer and the listing cache that the catalogue changed. */
  catalogueChanged(): Promise<void>;
  /** Cached public listings (pages, searches, filter values). */
  listing: ListingCache;
  metrics: FilmsMetrics;
  log: Logger;
}
