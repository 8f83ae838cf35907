import { randomUUID } from 'node:crypto';
import { decodeJwt, createLocalJWKSet, SignJWT, type JWTVerifyGetKey } from 'jose';
import { JwksVerifier, type TokenVerifier } from '@switchyard/auth';
import type { KeyRing } from './key-ring';
import { SIGNING_ALG } from './key-ring';

export interface AccessClaims {
  userId: string;
  sessionId: string;
  roles: string[];
  status: string;
  email: string;
}

export interface IssuedAccessToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface AccessTokenOptions {
  keys: KeyRing;
  issuer: string;
  audience: string;
  ttlSeconds: number;
  clockSkewSeconds: number;
  clock: () => Date;
}

/** Signs RS256 access tokens with the ring's current key and verifies them against its published keys. */
export class AccessTokens {
  readonly verifier: TokenVerifier;

  constructor(private readonly options: AccessTokenOptions) {
    const keys: JWTVerifyGetKey = async (header, token) =>
      createLocalJWKSet({ keys: await options.keys.publicKeysFor(header.kid) })(header, token);
    // The same verifier every other service uses, fed from memory instead of over HTTP.
    this.verifier = new JwksVerifier({
      jwks: keys,
      issuer: options.issuer,
      audience: options.audience,
      clockToleranceSec: options.clockSkewSeconds,
    });
  }

  async issue(claims: AccessClaims): Promise<IssuedAccessToken> {
    const { kid, key } = await this.options.keys.signer();
    const now = Math.floor(this.options.clock().getTime() / 1000);
    const accessToken = await new SignJWT({
      roles: claims.roles,
      status: claims.status,
      email: claims.email,
      sid: claims.sessionId,
    })
      .setProtectedHeader({ alg: SIGNING_ALG, kid, typ: 'JWT' })
      .setIssuer(this.options.issuer)
      .setAudience(this.options.audience)
      .setSubject(claims.userId)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + this.options.ttlSeconds)
      .sign(key);
    return { accessToken, tokenType: 'Bearer', expiresIn: this.options.ttlSeconds };
  }
}

/** The session id inside an access token that was already verified. */
export function sessionIdOf(token: string): string | undefined {
  try {
    const sid = decodeJwt(token).sid;
    return typeof sid === 'string' ? sid : undefined;
  } catch {
    return undefined;
  }
}
