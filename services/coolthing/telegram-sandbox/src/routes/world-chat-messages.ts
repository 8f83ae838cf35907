import { defineRoute, jsonBody, notFound, problems, z } from '@switchyard/kit';
import { worldMessage } from '../domain/world-views';
import { WorldMessageSchema, type Deps } from './common';

const ChatKey = z.object({
  id: z
    .string()
    .regex(/^(-?\d{1,20}|d:\d{1,20}:\d{1,20})$/)
    .max(50),
});

/** Recent messages of a chat or a private dialog (`d:<user>:<user>`), oldest first. */
export const chatMessages = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/world/chats/{id}/messages',
      tags: ['world'],
      summary: 'Recent messages of a chat or dialog',
      request: {
        params: ChatKey,
        query: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          before: z.coerce.number().int().min(1).optional(),
        }),
      },
      responses: {
        200: jsonBody(z.object({ items: z.array(WorldMessageSchema) }), 'Messages'),
        ...problems(400, 404),
      },
    },
    async (c) => {
      const { id } = c.req.valid('param');
      const { limit, before } = c.req.valid('query');
      const key = id.startsWith('d:') ? id : `c:${id}`;
      const list = deps.world.messages.get(key);
      if (!list) throw notFound('Chat');
      const upTo = before === undefined ? list : list.filter((m) => m.id < before);
      return c.json({ items: upTo.slice(-limit).map((m) => worldMessage(deps.world, m)) }, 200);
    },
  );
