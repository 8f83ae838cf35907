import { defineRoute, jsonBody, problems, z } from '@switchyard/kit';
import { requireControl, type Deps } from './common';

/** The simulated phones' inbox: login codes waiting to be typed in. */
export const listCodes = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/world/codes',
      tags: ['world'],
      summary: 'Login codes sent to account phones',
      request: { query: z.object({ phone: z.string().max(20).optional() }) },
      responses: {
        200: jsonBody(
          z.object({
            items: z.array(
              z.object({ phone: z.string(), accountId: z.string(), code: z.string(), expiresAt: z.string() }),
            ),
          }),
          'Codes, newest last',
        ),
        ...problems(401, 403),
      },
    },
    async (c) => {
      requireControl(c, deps);
      const phone = c.req.valid('query').phone?.replace(/\D/g, '');
      const items = [...deps.world.codes.values()]
        .filter((p) => !phone || p.phone === `+${phone}`)
        .map((p) => ({
          phone: p.phone,
          accountId: p.accountId,
          code: p.code,
          expiresAt: new Date(p.expiresAt).toISOString(),
        }));
      return c.json({ items }, 200);
    },
  );
