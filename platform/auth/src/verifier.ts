import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';

/** The signed-in caller, from a verified access token. */
export interface AuthUser {
  id: string;
  roles: string[];
  /** Account status when the token was issued. */
  status: string;
  email?: string;
  tokenId?: string;
  /** The sign-in session the token belongs to (`sid`), when the issuer says. */
  sessionId?: string;
}

export class TokenError extends Error {
  override name = 'TokenError';
  constructor(
    readonly reason: 'expired' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

export interface TokenVerifier {
  verify(token: string): Promise<AuthUser>;
}

export interface JwksVerifierOptions {
  /** URL of the issuer's JWKS, or a key resolver (tests, a local key set). */
  jwks: string | JWTVerifyGetKey;
  issuer: string;
  audience: string;
  clockToleranceSec?: number;
}

/**
 * Verifies access tokens offline against the issuer's published keys: RS256 only, issuer,
 * audience and expiry checked, the key chosen by `kid` among the published ones. The key
 * set is cached and refetched when an unknown `kid` appears (rate limited by jose).
 */
export class JwksVerifier implements TokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly options: JwksVerifierOptions) {
    this.keys =
      typeof options.jwks === 'string'
        ? createRemoteJWKSet(new URL(options.jwks), {
            cacheMaxAge: 10 * 60_000,
            cooldownDuration: 30_000,
            timeoutDuration: 3000,
          })
        : options.jwks;
  }

  async verify(token: string): Promise<AuthUser> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        algorithms: ['RS256'],
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTolerance: this.options.clockToleranceSec ?? 30,
        requiredClaims: ['sub', 'exp', 'iat', 'jti'],
      });
      const roles = Array.isArray(payload.roles)
        ? payload.roles.filter((r): r is string => typeof r === 'string')
        : [];
      return {
        id: String(payload.sub),
        roles,
        status: typeof payload.status === 'string' ? payload.status : 'active',
        ...(typeof payload.email === 'string' ? { email: payload.email } : {}),
        ...(payload.jti ? { tokenId: payload.jti } : {}),
        ...(typeof payload.sid === 'string' ? { sessionId: payload.sid } : {}),
      };
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new TokenError('expired', 'the access token has expired');
      throw new TokenError('invalid', 'the access token is not valid');
    }
  }
}
