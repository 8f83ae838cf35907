import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { PosterStorage, StoredPoster } from '../ports/poster-storage';

export interface S3PosterStorageOptions {
  bucket: string;
  region: string;
  /** For MinIO, Ceph, R2 and other S3-compatible stores; AWS when absent. */
  endpoint?: string;
  forcePathStyle: boolean;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Key prefix inside the bucket, for example `posters/`. */
  prefix: string;
  /** Base URL the bucket is publicly readable at (a CDN); posters are proxied when absent. */
  publicBaseUrl?: string;
  timeoutMs?: number;
}

/** Posters in an S3-compatible bucket (distributed mode). */
export class S3PosterStorage implements PosterStorage {
  readonly kind = 's3' as const;
  private readonly client: S3Client;

  constructor(private readonly options: S3PosterStorageOptions) {
    this.client = new S3Client({
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.accessKeyId && options.secretAccessKey
        ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
        : {}),
      maxAttempts: 3,
    });
  }

  private key(key: string): string {
    return `${this.options.prefix}${key}`;
  }

  private signal(): AbortSignal {
    return AbortSignal.timeout(this.options.timeoutMs ?? 15_000);
  }

  async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: this.key(key),
        Body: body,
        ContentType: contentType,
        CacheControl: 'public, max-age=31536000, immutable',
      }),
      { abortSignal: this.signal() },
    );
  }

  async get(key: string): Promise<StoredPoster | null> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key: this.key(key) }),
        { abortSignal: this.signal() },
      );
      if (!out.Body) return null;
      const body = await out.Body.transformToByteArray();
      return { body, contentType: out.ContentType ?? 'application/octet-stream' };
    } catch (err) {
      if (err instanceof NoSuchKey) return null;
      if (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.key(key) }), {
      abortSignal: this.signal(),
    });
  }

  publicUrl(key: string): string | null {
    const base = this.options.publicBaseUrl;
    return base ? `${base.replace(/\/$/, '')}/${this.key(key)}` : null;
  }

  close(): void {
    this.client.destroy();
  }
}
