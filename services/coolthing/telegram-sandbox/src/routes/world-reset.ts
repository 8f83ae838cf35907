import { defineRoute, jsonBody, jsonInput, problems, z } from '@switchyard/kit';
import { seedDemoWorld } from '../domain/seed';
import { requireControl, type Deps } from './common';

/** Empties the world and seeds it again: the demo world, or nothing (tests build their own). */
export const worldReset = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/world/reset',
      tags: ['world'],
      summary: 'Reset and reseed the world',
      request: jsonInput(
        z.object({
          seed: z
            .number()
            .int()
            .min(0)
            .max(2 ** 31)
            .optional(),
          preset: z.enum(['demo', 'empty']).default('empty'),
        }),
      ),
      responses: {
        200: jsonBody(z.object({ seed: z.number().int(), chats: z.number().int() }), 'Reset'),
        ...problems(400, 401, 403),
      },
    },
    async (c) => {
      requireControl(c, deps);
      const { seed, preset } = c.req.valid('json');
      deps.world.reset(seed ?? deps.config.SANDBOX_SEED);
      if (preset === 'demo')
        seedDemoWorld(deps.world, {
          chatterPerMinute: deps.config.SANDBOX_CHATTER_PER_MINUTE,
          botToken: deps.config.SANDBOX_DEMO_BOT_TOKEN,
        });
      await deps.flush();
      return c.json({ seed: deps.world.seed, chats: deps.world.chats.size }, 200);
    },
  );
