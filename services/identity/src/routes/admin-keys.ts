import { defineRoute, jsonBody, problems, requireRole, z } from '@switchyard/kit';
import type { RouteDeps } from './deps';

const KeyStatus = z
  .object({
    kid: z.string(),
    state: z.enum(['pending', 'signing', 'retired']),
    createdAt: z.string(),
    activatesAt: z.string(),
    retiredAt: z.string().nullable(),
  })
  .openapi('SigningKey');

export const adminListKeys = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'get',
      path: '/admin/keys',
      tags: ['admin'],
      summary: 'Published signing keys and their state',
      security: [{ bearer: [] }],
      responses: { 200: jsonBody(z.object({ items: z.array(KeyStatus) }), 'Keys'), ...problems(401, 403) },
    },
    async (c) => {
      requireRole(c, 'admin', 'owner');
      await deps.keys.jwks();
      return c.json({ items: deps.keys.status() }, 200);
    },
  );

export const adminRotateKeys = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'post',
      path: '/admin/keys/rotate',
      tags: ['admin'],
      summary: 'Create a new signing key now: published at once, signing after the activation delay',
      security: [{ bearer: [] }],
      responses: { 201: jsonBody(KeyStatus, 'The new key'), ...problems(401, 403) },
    },
    async (c) => {
      const actor = requireRole(c, 'admin', 'owner');
      const key = await deps.keys.rotate(`requested by ${actor.id}`);
      return c.json(key, 201);
    },
  );
