import { fileURLToPath } from 'node:url';
import { ConfigError, z } from '@switchyard/kit';

const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(fallback)
    .transform((v) => v === 'true');

export const BUNDLED_CATALOGUE = fileURLToPath(new URL('../data/films.json', import.meta.url));

/** The films service's own variables (the platform's base variables come on top). */
export const filmsEnv = z.object({
  /** Load the catalogue file on start (idempotent: each film once, deleted films stay deleted). */
  FILMS_SEED: flag('true'),
  /** How long public listings (pages, searches, filter values) are cached; 0 turns it off. Writes retire them at once. */
  FILMS_LISTING_CACHE_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
  FILMS_SEED_FILE: z.string().min(1).default(BUNDLED_CATALOGUE),
  /** OpenAI-compatible base URL (…/v1) for smart search; full-text ranking answers without it. */
  EMBEDDINGS_BASE_URL: z.string().url().optional(),
  EMBEDDINGS_MODEL: z.string().min(1).max(200).optional(),
  EMBEDDINGS_API_KEY: z.string().min(1).max(1000).optional(),
  EMBEDDINGS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  EMBEDDINGS_BATCH_SIZE: z.coerce.number().int().min(1).max(512).default(32),
  POSTER_STORAGE: z.enum(['local', 's3']).default('local'),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().min(1).max(40).default('us-east-1'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_FORCE_PATH_STYLE: flag('true'),
  S3_ACCESS_KEY_ID: z.string().min(1).max(200).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).max(200).optional(),
  S3_PREFIX: z
    .string()
    .max(100)
    .regex(/^([A-Za-z0-9._-]+\/)*$/, 'folder-like prefix ending with /')
    .default('posters/'),
  /** Public base URL of the bucket (a CDN); posters are served through the service when absent. */
  S3_PUBLIC_URL: z.string().url().optional(),
});

/** Rules across variables, which the per-variable schema cannot express. */
export function checkFilmsConfig(config: z.output<typeof filmsEnv>): void {
  const problems: { variable: string; message: string }[] = [];
  if (config.POSTER_STORAGE === 's3' && !config.S3_BUCKET)
    problems.push({ variable: 'S3_BUCKET', message: 'required when POSTER_STORAGE=s3 (got nothing)' });
  if (config.EMBEDDINGS_BASE_URL && !config.EMBEDDINGS_MODEL)
    problems.push({
      variable: 'EMBEDDINGS_MODEL',
      message: 'required when EMBEDDINGS_BASE_URL is set (got nothing)',
    });
  if (!!config.S3_ACCESS_KEY_ID !== !!config.S3_SECRET_ACCESS_KEY)
    problems.push({
      variable: config.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID',
      message: 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together (got only one)',
    });
  if (problems.length) throw new ConfigError('films', problems);
}
