import { defineRoute, jsonBody, jsonInput, notFound, problems, unprocessable, z } from '@switchyard/kit';
import { postChatter, postingMembers } from '../domain/chatter';
import { chatKeyOf } from '../domain/model';
import { worldMessage } from '../domain/world-views';
import { ChatIdParam, requireControl, WorldMessageSchema, type Deps } from './common';

/** Posts as a simulated member: a given one and text, or a random member and corpus text. */
export const postAsMember = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/world/chats/{id}/messages',
      tags: ['world'],
      summary: 'Post in a chat as a simulated member',
      request: {
        params: ChatIdParam,
        ...jsonInput(
          z.object({
            userId: z
              .string()
              .regex(/^\d{1,20}$/)
              .optional(),
            text: z.string().min(1).max(4096).optional(),
            replyTo: z.number().int().positive().optional(),
          }),
        ),
      },
      responses: { 201: jsonBody(WorldMessageSchema, 'Posted'), ...problems(400, 401, 403, 404, 422) },
    },
    async (c) => {
      requireControl(c, deps);
      const w = deps.world;
      const chat = w.chats.get(c.req.valid('param').id);
      if (!chat) throw notFound('Chat');
      const { userId, text, replyTo } = c.req.valid('json');
      if (replyTo !== undefined && !w.findMessage(chatKeyOf(chat.id), replyTo))
        throw unprocessable('No such message to reply to.');
      if (!userId && !text) {
        const m = postChatter(w, chat);
        if (!m) throw unprocessable('The chat has no simulated members.');
        return c.json(worldMessage(w, m), 201);
      }
      const sender = userId ? Number(userId) : postingMembers(w, chat)[0];
      if (sender === undefined || !chat.members.has(sender))
        throw unprocessable('The sender is not a member of the chat.');
      const m = w.post(chatKeyOf(chat.id), sender, text ?? '…', replyTo ?? null);
      return c.json(worldMessage(w, m), 201);
    },
  );

/** Makes simulated members post `count` messages at once (demos, the benchmark). */
export const simulateChatter = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/world/chats/{id}/simulate',
      tags: ['world'],
      summary: 'Simulated members post a burst of messages now',
      request: {
        params: ChatIdParam,
        ...jsonInput(z.object({ count: z.number().int().min(1).max(100_000) })),
      },
      responses: {
        200: jsonBody(z.object({ posted: z.number().int() }), 'Posted'),
        ...problems(400, 401, 403, 404),
      },
    },
    async (c) => {
      requireControl(c, deps);
      const chat = deps.world.chats.get(c.req.valid('param').id);
      if (!chat) throw notFound('Chat');
      const count = c.req.valid('json').count;
      let posted = 0;
      // In slices, so a big burst does not hold the event loop for long.
      while (posted < count) {
        const n = Math.min(500, count - posted);
        for (let i = 0; i < n; i++) if (postChatter(deps.world, chat)) posted++;
        if (posted === 0) break;
        if (posted < count) await new Promise((r) => setImmediate(r));
      }
      return c.json({ posted }, 200);
    },
  );
