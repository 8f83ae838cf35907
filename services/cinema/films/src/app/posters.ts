import { createHash } from 'node:crypto';
import type { Logger } from '@switchyard/kit';
import type { PosterLocator } from '../domain/film-view';
import { yearOf } from '../domain/film-view';
import { sniffImageType, type ImageType } from '../domain/image-type';
import type { PosterStorage } from '../ports/poster-storage';

export const POSTER_MAX_BYTES = 10 * 1024 * 1024;

export type PosterRefusal = 'empty' | 'too-large' | 'not-an-image';

export type CheckedPoster = { ok: true; type: ImageType; key: string } | { ok: false; reason: PosterRefusal };

/** Decides whether bytes may become a film's poster, and under which key. */
export function checkPoster(filmId: number, bytes: Uint8Array): CheckedPoster {
  if (bytes.byteLength === 0) return { ok: false, reason: 'empty' };
  if (bytes.byteLength > POSTER_MAX_BYTES) return { ok: false, reason: 'too-large' };
  const type = sniffImageType(bytes);
  if (!type) return { ok: false, reason: 'not-an-image' };
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  return { ok: true, type, key: `${filmId}-${hash}.${type.ext}` };
}

/** Builds poster URLs: the storage's own public URL, this service's `/posters/...`, or the SVG. */
export function posterLocator(storage: PosterStorage, publicPath: string): PosterLocator {
  return (film) => {
    if (film.poster_key) {
      return {
        url: storage.publicUrl(film.poster_key) ?? `${publicPath}/posters/${film.poster_key}`,
        generated: false,
      };
    }
    // The version changes with what the SVG shows, so caches never keep an old title.
    const version = createHash('sha256')
      .update(`${film.slug}\n${film.title}\n${yearOf(film.release_date) ?? ''}`)
      .digest('hex')
      .slice(0, 10);
    return { url: `${publicPath}/${film.id}/poster.svg?v=${version}`, generated: true };
  };
}

/** Removes a poster that is no longer used; a failure only leaves an orphan file behind. */
export async function discardPoster(storage: PosterStorage, key: string | null, log: Logger): Promise<void> {
  if (!key) return;
  await storage.delete(key).catch((err) => log.warn({ err, key }, 'could not delete an unused poster'));
}
