import { defineRoute, jsonBody, z } from '@switchyard/kit';
import type { Deps } from './common';

export const worldSummary = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/world',
      tags: ['world'],
      summary: 'Seed, sandbox time and counts',
      responses: {
        200: jsonBody(
          z.object({
            seed: z.number().int(),
            now: z.string(),
            timeScale: z.number(),
            chatter: z.boolean(),
            chats: z.number().int(),
            users: z.number().int(),
            accounts: z.number().int(),
            bots: z.number().int(),
            dialogs: z.number().int(),
            faults: z.number().int(),
          }),
          'The world',
        ),
      },
    },
    async (c) => {
      const w = deps.world;
      return c.json(
        {
          seed: w.seed,
          now: new Date(w.clock.now()).toISOString(),
          timeScale: w.clock.scale,
          chatter: w.chatterEnabled,
          chats: w.chats.size,
          users: w.users.size,
          accounts: w.accounts.size,
          bots: w.bots.size,
          dialogs: w.dialogs.size,
          faults: w.faults.size,
        },
        200,
      );
    },
  );
