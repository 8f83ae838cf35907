import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

export interface TestIssuer {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Signs an RS256 access token; override any claim (exp in seconds from now via `ttl`). */
  sign(claims: {
    sub: string;
    roles?: string[];
    status?: string;
    email?: string;
    ttl?: number;
    aud?: string;
    iss?: string;
    kid?: string;
  }): Promise<string>;
  close(): Promise<void>;
}

/**
 * A stand-in token issuer for platform tests: a real RSA key pair and a real JWKS served
 * over HTTP, so services verify exactly as they do against the identity service.
 */
export async function startTestIssuer(
  options: { issuer?: string; audience?: string } = {},
): Promise<TestIssuer> {
  const issuer = options.issuer ?? 'switchyard-identity';
  const audience = options.audience ?? 'switchyard';
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = 'test-key-1';
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  const key: CryptoKey = privateKey;
  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    issuer,
    audience,
    sign: (c) =>
      new SignJWT({
        roles: c.roles ?? ['user'],
        status: c.status ?? 'active',
        ...(c.email ? { email: c.email } : {}),
      })
        .setProtectedHeader({ alg: 'RS256', kid: c.kid ?? kid })
        .setSubject(c.sub)
        .setIssuer(c.iss ?? issuer)
        .setAudience(c.aud ?? audience)
        .setIssuedAt()
        .setJti(crypto.randomUUID())
        .setExpirationTime(Math.floor(Date.now() / 1000) + (c.ttl ?? 900))
        .sign(key),
    close: () => new Promise((r) => server.close(() => r())),
  };
}
