import { defineRoute, jsonBody, problems, z } from '@switchyard/kit';
import { sessionView } from '../app/views';
import { requireSession } from '../http/request';
import type { RouteDeps } from './deps';
import { Session } from './schemas';

export const listSessions = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'get',
      path: '/sessions',
      tags: ['session'],
      summary: "The caller's active sessions, the current one flagged",
      security: [{ bearer: [] }],
      responses: { 200: jsonBody(z.object({ items: z.array(Session) }), 'Sessions'), ...problems(401) },
    },
    async (c) => {
      const { user, sessionId } = requireSession(c);
      const rows = await deps.sessions.listLive(user.id, deps.clock());
      return c.json({ items: rows.map((s) => sessionView(s, sessionId)) }, 200);
    },
  );
