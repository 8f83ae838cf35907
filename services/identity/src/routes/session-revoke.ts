import { defineRoute, notFound, problems, requireUser, z } from '@switchyard/kit';
import type { RouteDeps } from './deps';
import { noContent } from './schemas';

export const revokeSession = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'delete',
      path: '/sessions/{id}',
      tags: ['session'],
      summary: 'End one of the caller’s sessions',
      security: [{ bearer: [] }],
      request: { params: z.object({ id: z.uuid() }) },
      responses: { ...noContent, ...problems(400, 401, 404) },
    },
    async (c) => {
      const user = requireUser(c);
      const ok = await deps.sessions.revoke(
        c.req.valid('param').id,
        user.id,
        'revoked-by-user',
        deps.clock(),
      );
      if (!ok) throw notFound('Session');
      return c.body(null, 204);
    },
  );
