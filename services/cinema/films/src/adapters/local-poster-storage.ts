import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONTENT_TYPES, POSTER_KEY } from '../domain/image-type';
import type { PosterStorage, StoredPoster } from '../ports/poster-storage';

/** Posters as files under the service's data folder (embedded mode, single machine). */
export class LocalPosterStorage implements PosterStorage {
  readonly kind = 'local' as const;

  constructor(private readonly dir: string) {}

  private path(key: string): string {
    // Keys come from us, but a path that escapes the folder must be impossible anyway.
    if (!POSTER_KEY.test(key)) throw new Error(`invalid poster key ${key}`);
    return join(this.dir, key);
  }

  async put(key: string, body: Uint8Array, _contentType: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const target = this.path(key);
    const partial = `${target}.${process.pid}.part`;
    await writeFile(partial, body);
    await rename(partial, target);
  }

  async get(key: string): Promise<StoredPoster | null> {
    if (!POSTER_KEY.test(key)) return null;
    try {
      const body = await readFile(this.path(key));
      const ext = key.slice(key.lastIndexOf('.') + 1) as keyof typeof CONTENT_TYPES;
      return { body: new Uint8Array(body), contentType: CONTENT_TYPES[ext] };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    if (!POSTER_KEY.test(key)) return;
    await rm(this.path(key), { force: true });
  }

  publicUrl(): string | null {
    return null;
  }
}
