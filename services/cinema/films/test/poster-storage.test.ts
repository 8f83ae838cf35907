import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalPosterStorage } from '../src/adapters/local-poster-storage';
import { S3PosterStorage } from '../src/adapters/s3-poster-storage';
import type { PosterStorage } from '../src/ports/poster-storage';
import { startFakeS3, type FakeS3 } from './fake-s3';
import { JPEG, PNG } from './images';

/** What every poster storage must do; run once per adapter. */
function posterStorageContract(
  name: string,
  open: () => Promise<{ storage: PosterStorage; close(): Promise<void> }>,
) {
  describe(`poster storage contract: ${name}`, () => {
    let storage: PosterStorage;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ storage, close } = await open());
    });
    afterAll(async () => close?.());

    it('stores, reads back and deletes a poster', async () => {
      await storage.put('7-0123456789abcdef.png', PNG, 'image/png');
      expect(await storage.get('7-0123456789abcdef.png')).toEqual({ body: PNG, contentType: 'image/png' });
      await storage.delete('7-0123456789abcdef.png');
      expect(await storage.get('7-0123456789abcdef.png')).toBeNull();
    });

    it('overwrites a key and treats missing keys as absent', async () => {
      await storage.put('8-0123456789abcdef.jpg', PNG, 'image/jpeg');
      await storage.put('8-0123456789abcdef.jpg', JPEG, 'image/jpeg');
      expect((await storage.get('8-0123456789abcdef.jpg'))?.body).toEqual(JPEG);
      expect(await storage.get('9-0123456789abcdef.webp')).toBeNull();
      await expect(storage.delete('9-0123456789abcdef.webp')).resolves.toBeUndefined();
    });
  });
}

posterStorageContract('local disk', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'posters-'));
  return {
    storage: new LocalPosterStorage(join(dir, 'posters')),
    close: () => rm(dir, { recursive: true, force: true }),
  };
});

posterStorageContract('S3-compatible', async () => {
  const s3 = await startFakeS3();
  const storage = new S3PosterStorage({
    bucket: 'films',
    region: 'us-east-1',
    endpoint: s3.endpoint,
    forcePathStyle: true,
    accessKeyId: 'test',
    secretAccessKey: 'test-secret',
    prefix: 'posters/',
  });
  return {
    storage,
    close: async () => {
      storage.close();
      await s3.close();
    },
  };
});

describe('local poster storage', () => {
  it('never writes outside its folder and leaves no partial files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'posters-'));
    const storage = new LocalPosterStorage(dir);
    await expect(storage.put('../escape.png', PNG, 'image/png')).rejects.toThrow(/invalid poster key/);
    expect(await storage.get('../escape.png')).toBeNull();
    await storage.put('1-0123456789abcdef.png', PNG, 'image/png');
    expect(await readdir(dir)).toEqual(['1-0123456789abcdef.png']);
    expect(storage.publicUrl()).toBeNull();
    await rm(dir, { recursive: true, force: true });
  });
});

describe('S3 poster storage', () => {
  let s3: FakeS3;
  beforeAll(async () => {
    s3 = await startFakeS3();
  });
  afterAll(async () => s3?.close());

  it('signs requests, keeps the prefix and caching headers, and builds public URLs', async () => {
    const storage = new S3PosterStorage({
      bucket: 'films',
      region: 'eu-central-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      accessKeyId: 'AKIATEST',
      secretAccessKey: 'secret',
      prefix: 'cinema/posters/',
      publicBaseUrl: 'https://cdn.example.com/films/',
    });
    await storage.put('3-0123456789abcdef.webp', PNG, 'image/webp');
    const stored = s3.objects.get('/films/cinema/posters/3-0123456789abcdef.webp');
    expect(stored?.contentType).toBe('image/webp');
    expect(stored?.cacheControl).toBe('public, max-age=31536000, immutable');
    expect(s3.authorizations.at(-1)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIATEST\/\d{8}\/eu-central-1\/s3\//,
    );
    expect(storage.publicUrl('3-0123456789abcdef.webp')).toBe(
      'https://cdn.example.com/films/cinema/posters/3-0123456789abcdef.webp',
    );
    storage.close();
  });
});
