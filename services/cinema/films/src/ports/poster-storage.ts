export interface StoredPoster {
  body: Uint8Array;
  contentType: string;
}

/** Where uploaded posters live: a folder on disk, or an S3-compatible bucket. */
export interface PosterStorage {
  readonly kind: 'local' | 's3';
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** The poster, or null when there is none under the key. */
  get(key: string): Promise<StoredPoster | null>;
  /** Removes the poster; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** A URL clients fetch the poster from directly, or null to serve it through this service. */
  publicUrl(key: string): string | null;
}
