import { createHash } from 'node:crypto';

/** Scales a vector to unit length, so cosine similarity is a dot product. */
export function normalise(vector: readonly number[]): number[] {
  let sum = 0;
  for (const v of vector) sum += v * v;
  const norm = Math.sqrt(sum);
  return norm === 0 ? vector.map(() => 0) : vector.map((v) => v / norm);
}

export function cosine(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`vector sizes differ: ${a.length} and ${b.length}`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** Postgres array literal for a `real[]` parameter (numbers only, so nothing to escape). */
export function toRealArrayLiteral(vector: readonly number[]): string {
  if (!vector.every(Number.isFinite)) throw new Error('vector has a non-finite component');
  return `{${vector.join(',')}}`;
}

export interface EmbeddableFilm {
  title: string;
  originalTitle: string;
  titleRu: string | null;
  year: number | null;
  tagline: string | null;
  genres: readonly string[];
  overview: string;
}

/** The text a film is embedded from; it changes exactly when the film should be re-embedded. */
export function embeddingText(film: EmbeddableFilm): string {
  const titles = [film.title, film.originalTitle, film.titleRu]
    .filter((t): t is string => !!t)
    .filter((t, i, all) => all.indexOf(t) === i);
  return [
    `${titles.join(' / ')}${film.year ? ` (${film.year})` : ''}.`,
    film.genres.length ? `Genres: ${film.genres.join(', ')}.` : '',
    film.tagline ?? '',
    film.overview,
  ]
    .filter(Boolean)
    .join(' ');
}

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
