import { defineRoute, jsonBody, z } from '@switchyard/kit';
import type { RouteDeps } from './deps';

const Jwk = z
  .object({
    kty: z.literal('RSA'),
    n: z.string(),
    e: z.string(),
    kid: z.string(),
    alg: z.string(),
    use: z.string(),
  })
  .openapi('PublicJwk');

export const jwks = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'get',
      path: '/.well-known/jwks.json',
      tags: ['keys'],
      summary: 'Public keys that verify access tokens (RS256), selected by `kid`',
      responses: { 200: jsonBody(z.object({ keys: z.array(Jwk) }), 'The key set') },
    },
    async (c) => {
      const { keys } = await deps.keys.jwks();
      c.header('cache-control', 'public, max-age=60');
      return c.json(
        {
          keys: keys.map((k) => ({
            kty: 'RSA' as const,
            n: k.n!,
            e: k.e!,
            kid: k.kid,
            alg: k.alg,
            use: k.use,
          })),
        },
        200,
      );
    },
  );
