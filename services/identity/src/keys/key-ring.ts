import { createPrivateKey, generateKeyPair, type JsonWebKey, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { Logger } from '@switchyard/kit';
import type { SecretBox } from '@switchyard/kit';
import {
  activationOf,
  keySchedule,
  rotationDue,
  type KeyPolicy,
  type KeyTimes,
} from '../domain/key-schedule';
import type { SigningKeysRepository } from '../repositories/keys';

const generateRsa = promisify(generateKeyPair);
export const SIGNING_ALG = 'RS256';

export type PublicJwk = JWK & { kid: string; alg: string; use: 'sig' };

interface RingKey extends KeyTimes {
  publicJwk: PublicJwk;
  sealed: string;
  privateKey?: KeyObject;
}

export interface KeyStatus {
  kid: string;
  state: 'pending' | 'signing' | 'retired';
  createdAt: string;
  activatesAt: string;
  retiredAt: string | null;
}

export interface KeyRingOptions {
  repo: SigningKeysRepository;
  box: SecretBox;
  policy: KeyPolicy;
  clock: () => Date;
  log: Logger;
  /** How often other instances' rotations are picked up. */
  reloadMs?: number;
  /** A lock across instances for scheduled rotation; true when this instance holds it. */
  lock?: (name: string, ttlMs: number) => Promise<boolean>;
}

/**
 * The token signing keys: RSA 2048, private halves sealed at rest, a new key published
 * before it signs, retired keys published for a grace period and then removed.
 */
export class KeyRing {
  private keys: RingKey[] = [];
  private loadedAt = 0;
  private reloading: Promise<void> | undefined;

  constructor(private readonly options: KeyRingOptions) {}

  /** Loads the keys, creates the first one on a fresh database, and proves the signing key opens. */
  async start(): Promise<void> {
    await this.reload();
    if (!this.schedule().signing) await this.rotate('first start');
    const signing = this.signingKey();
    try {
      this.privateKeyOf(signing);
    } catch {
      throw new Error(
        'SECRETS_KEY: the signing keys in the database were sealed with another key; set the SECRETS_KEY they were created with',
      );
    }
  }

  /** The key that signs now and its private half. */
  async signer(): Promise<{ kid: string; key: KeyObject }> {
    await this.freshen();
    const key = this.signingKey();
    return { kid: key.kid, key: this.privateKeyOf(key) };
  }

  /** Public keys to publish: pending, signing and recently retired. */
  async jwks(): Promise<{ keys: PublicJwk[] }> {
    await this.freshen();
    return { keys: this.published() };
  }

  /** Public keys as last loaded; reloads first when `kid` is unknown (another instance rotated). */
  async publicKeysFor(kid: string | undefined): Promise<PublicJwk[]> {
    if (kid && !this.keys.some((k) => k.kid === kid) && Date.now() - this.loadedAt > 1000)
      await this.reload();
    else await this.freshen();
    return this.published();
  }

  status(): KeyStatus[] {
    const now = this.options.clock();
    const schedule = this.schedule();
    return this.keys
      .filter((k) => schedule.published.includes(k.kid))
      .map((k) => ({
        kid: k.kid,
        state:
          k.kid === schedule.signing
            ? 'signing'
            : k.activatesAt.getTime() > now.getTime()
              ? 'pending'
              : 'retired',
        createdAt: k.createdAt.toISOString(),
        activatesAt: k.activatesAt.toISOString(),
        retiredAt: schedule.retiredAt[k.kid]?.toISOString() ?? null,
      }));
  }

  /** Creates a key: published at once, signing after the activation delay. */
  async rotate(reason: string): Promise<KeyStatus> {
    const now = this.options.clock();
    await this.reload();
    const { publicKey, privateKey } = await generateRsa('rsa', { modulusLength: 2048 });
    const jwk = publicKey.export({ format: 'jwk' }) as JsonWebKey & JWK;
    const kid = await calculateJwkThumbprint({ kty: 'RSA', n: jwk.n!, e: jwk.e! });
    const publicJwk: PublicJwk = { kty: 'RSA', n: jwk.n!, e: jwk.e!, kid, alg: SIGNING_ALG, use: 'sig' };
    const der = privateKey.export({ format: 'der', type: 'pkcs8' });
    const activatesAt = activationOf(this.keys, now, this.options.policy);
    const sealed = this.options.box.seal(der, `signing-key:${kid}`);
    await this.options.repo.insert({
      kid,
      alg: SIGNING_ALG,
      public_jwk: JSON.stringify(publicJwk),
      private_key_sealed: sealed,
      created_at: now,
      activates_at: activatesAt,
    });
    this.options.log.info({ kid, activatesAt: activatesAt.toISOString(), reason }, 'signing key created');
    await this.reload(true);
    return this.status().find((s) => s.kid === kid)!;
  }

  /** Scheduled work: rotate when the newest key is old enough, drop keys past their grace. */
  async maintain(): Promise<void> {
    await this.reload();
    const now = this.options.clock();
    if (rotationDue(this.keys, now, this.options.policy)) {
      const locked = (await this.options.lock?.('key-rotation', 60_000)) ?? true;
      if (locked) {
        await this.reload();
        if (rotationDue(this.keys, now, this.options.policy)) await this.rotate('scheduled');
      }
    }
    const { removable } = this.schedule();
    if (removable.length > 0) {
      await this.options.repo.remove(removable);
      this.options.log.info({ kids: removable }, 'retired signing keys removed');
      await this.reload(true);
    }
  }

  private schedule() {
    return keySchedule(this.keys, this.options.clock(), this.options.policy);
  }

  private published(): PublicJwk[] {
    const { published } = this.schedule();
    return this.keys.filter((k) => published.includes(k.kid)).map((k) => k.publicJwk);
  }

  private signingKey(): RingKey {
    const kid = this.schedule().signing;
    const key = this.keys.find((k) => k.kid === kid);
    if (!key) throw new Error('no signing key is active');
    return key;
  }

  private privateKeyOf(key: RingKey): KeyObject {
    key.privateKey ??= createPrivateKey({
      key: this.options.box.open(key.sealed, `signing-key:${key.kid}`),
      format: 'der',
      type: 'pkcs8',
    });
    return key.privateKey;
  }

  private async freshen(): Promise<void> {
    if (Date.now() - this.loadedAt > (this.options.reloadMs ?? 30_000)) await this.reload();
  }

  /** Reads the keys again; `force` waits out a read in flight that may predate a write. */
  private async reload(force = false): Promise<void> {
    if (force && this.reloading) await this.reloading.catch(() => undefined);
    return (this.reloading ??= (async () => {
      try {
        const rows = await this.options.repo.all();
        const known = new Map(this.keys.map((k) => [k.kid, k]));
        this.keys = rows.map((r) => ({
          kid: r.kid,
          createdAt: r.created_at,
          activatesAt: r.activates_at,
          publicJwk: JSON.parse(r.public_jwk) as PublicJwk,
          sealed: r.private_key_sealed,
          privateKey: known.get(r.kid)?.privateKey,
        }));
        this.loadedAt = Date.now();
      } finally {
        this.reloading = undefined;
      }
    })());
  }
}
