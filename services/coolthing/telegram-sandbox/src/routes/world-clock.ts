import { defineRoute, jsonBody, jsonInput, problems, z } from '@switchyard/kit';
import { requireControl, type Deps } from './common';

/** Steps sandbox time forward and runs what became due (replies, chatter, expiring waits). */
export const worldAdvanceClock = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/world/clock/advance',
      tags: ['world'],
      summary: 'Move sandbox time forward',
      request: jsonInput(
        z.object({
          seconds: z
            .number()
            .min(0)
            .max(7 * 24 * 3600),
        }),
      ),
      responses: {
        200: jsonBody(z.object({ now: z.string() }), 'The new sandbox time'),
        ...problems(400, 401, 403),
      },
    },
    async (c) => {
      requireControl(c, deps);
      deps.world.clock.advance(c.req.valid('json').seconds * 1000);
      deps.tick();
      return c.json({ now: new Date(deps.world.clock.now()).toISOString() }, 200);
    },
  );

export const worldChatter = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/world/chatter',
      tags: ['world'],
      summary: 'Turn simulated members posting on or off',
      request: jsonInput(z.object({ enabled: z.boolean() })),
      responses: {
        200: jsonBody(z.object({ enabled: z.boolean() }), 'Chatter state'),
        ...problems(400, 401, 403),
      },
    },
    async (c) => {
      requireControl(c, deps);
      deps.world.chatterEnabled = c.req.valid('json').enabled;
      deps.world.sink.meta({ chatter: deps.world.chatterEnabled });
      return c.json({ enabled: deps.world.chatterEnabled }, 200);
    },
  );
