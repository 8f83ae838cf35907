import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cinemaExchange } from '@switchyard/contracts';
import {
  defineService,
  HttpProblem,
  type AppEnv,
  type ServiceContext,
  type ServiceConfig,
} from '@switchyard/kit';
import { sql } from '@switchyard/store';
import type { MiddlewareHandler } from 'hono';
import { OpenAiEmbedder } from './adapters/openai-embedder';
import { LocalPosterStorage } from './adapters/local-poster-storage';
import { S3PosterStorage } from './adapters/s3-poster-storage';
import { EmbeddingIndexer } from './app/embedding-indexer';
import { POSTER_MAX_BYTES, posterLocator } from './app/posters';
import { seedCatalogue } from './app/seed';
import { ListingCache } from './app/listing-cache';
import { SmartSearch } from './app/smart-search';
import { checkFilmsConfig, filmsEnv } from './config';
import type { FilmsDB } from './db';
import { identitySubscription } from './events/identity';
import { FilmsMetrics } from './metrics';
import type { PosterStorage } from './ports/poster-storage';
import { routes, type Deps } from './routes';

type FilmsContext = ServiceContext<ServiceConfig<typeof filmsEnv.shape>>;

const JSON_BODY_LIMIT = 256 * 1024;

/** Only poster uploads may be large; every other body stays small. */
const smallBodies: MiddlewareHandler<AppEnv> = async (c, next) => {
  const multipart = (c.req.header('content-type') ?? '').startsWith('multipart/form-data');
  if (!multipart && Number(c.req.header('content-length') ?? 0) > JSON_BODY_LIMIT)
    throw new HttpProblem(413, 'Payload too large', `The body exceeds ${JSON_BODY_LIMIT} bytes.`);
  await next();
};

function posterStorage(ctx: FilmsContext): PosterStorage {
  const c = ctx.config;
  if (c.POSTER_STORAGE === 's3') {
    return new S3PosterStorage({
      bucket: c.S3_BUCKET!,
      region: c.S3_REGION,
      endpoint: c.S3_ENDPOINT,
      forcePathStyle: c.S3_FORCE_PATH_STYLE,
      accessKeyId: c.S3_ACCESS_KEY_ID,
      secretAccessKey: c.S3_SECRET_ACCESS_KEY,
      prefix: c.S3_PREFIX,
      publicBaseUrl: c.S3_PUBLIC_URL,
    });
  }
  return new LocalPosterStorage(join(ctx.dataDir, 'posters'));
}

export const service = defineService({
  name: 'films',
  system: 'cinema',
  title: 'Films',
  description:
    'The cinema catalogue: films with filters and search (full text, fuzzy, smart), ratings, favourites, ' +
    'watch lists, comments and profile pages. Access tokens are verified offline against the JWKS.',
  env: filmsEnv,
  migrations: fileURLToPath(new URL('../db/migrations', import.meta.url)),
  bodyLimitBytes: POSTER_MAX_BYTES + 256 * 1024,
  async setup(ctx) {
    const { config, log } = ctx;
    checkFilmsConfig(config);
    const db = ctx.db<FilmsDB>();
    if (config.FILMS_SEED) {
      const outcome = await seedCatalogue(db, config.FILMS_SEED_FILE, log);
      if (outcome.inserted > 0 || outcome.rejected > 0) log.info(outcome, 'film catalogue seeded');
    }
    // The outbox relay publishes without declaring exchanges, and a broker refuses a publish to
    // an exchange nobody declared yet (no subscriber so far), so the publisher declares its own.
    await ctx.bus.transport.declareExchange(cinemaExchange);
    const metrics = new FilmsMetrics(ctx.metrics.registry);
    const posters = posterStorage(ctx);
    const embedder =
      config.EMBEDDINGS_BASE_URL && config.EMBEDDINGS_MODEL
        ? new OpenAiEmbedder({
            baseUrl: config.EMBEDDINGS_BASE_URL,
            model: config.EMBEDDINGS_MODEL,
            apiKey: config.EMBEDDINGS_API_KEY,
            timeoutMs: config.EMBEDDINGS_TIMEOUT_MS,
          })
        : null;
    const indexer = embedder
      ? new EmbeddingIndexer({
          db,
          embedder,
          batchSize: config.EMBEDDINGS_BATCH_SIZE,
          log,
          embedded: metrics.embeddedFilms,
        })
      : null;
    const listing = new ListingCache(ctx.cache, config.FILMS_LISTING_CACHE_MS);
    const deps: Deps = {
      db,
      transaction: (fn) => ctx.transaction(fn),
      posters,
      poster: posterLocator(posters, ctx.publicPath),
      smartSearch: new SmartSearch({ db, embedder, cache: ctx.cache, log }),
      catalogueChanged: async () => {
        indexer?.notify();
        await listing.invalidate();
      },
      listing,
      metrics,
      log,
    };
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM films`.execute(db);
    const films = rows[0]?.n ?? 0;
    return {
      routes: routes(deps),
      subscriptions: [identitySubscription()],
      tasks: indexer ? [indexer] : [],
      middleware: [smallBodies],
      banner: () => [
        `films: ${films} in the catalogue; posters: ${posters.kind}; smart search: ${
          embedder ? `by meaning (${embedder.model})` : 'full text (set EMBEDDINGS_BASE_URL for meaning)'
        }`,
      ],
      stop: async () => {
        if (posters instanceof S3PosterStorage) posters.close();
      },
    };
  },
});
