import { defineRoute, jsonBody, jsonInput, notFound, problems, z } from '@switchyard/kit';
import { worldUser } from '../domain/world-views';
import { ChatIdParam, PageQuery, requireControl, WorldUserSchema, type Deps } from './common';

export const chatMembers = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/world/chats/{id}/members',
      tags: ['world'],
      summary: 'Members of a chat',
      request: { params: ChatIdParam, query: PageQuery },
      responses: {
        200: jsonBody(z.object({ total: z.number().int(), items: z.array(WorldUserSchema) }), 'Members'),
        ...problems(400, 404),
      },
    },
    async (c) => {
      const chat = deps.world.chats.get(c.req.valid('param').id);
      if (!chat) throw notFound('Chat');
      const { limit, offset } = c.req.valid('query');
      const ids = [...chat.members].slice(offset, offset + limit);
      return c.json(
        { total: chat.members.size, items: ids.map((id) => worldUser(deps.world.users.get(id)!)) },
        200,
      );
    },
  );

/** Adds an existing user (member, account or bot) to a chat, as an admin inviting them would. */
export const addChatMember = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/world/chats/{id}/members',
      tags: ['world'],
      summary: 'Add a user to a chat',
      request: { params: ChatIdParam, ...jsonInput(z.object({ userId: z.string().regex(/^\d{1,20}$/) })) },
      responses: {
        200: jsonBody(z.object({ membersCount: z.number().int() }), 'Added'),
        ...problems(400, 401, 403, 404),
      },
    },
    async (c) => {
      requireControl(c, deps);
      const chat = deps.world.chats.get(c.req.valid('param').id);
      const user = deps.world.users.get(Number(c.req.valid('json').userId));
      if (!chat) throw notFound('Chat');
      if (!user) throw notFound('User');
      deps.world.addMember(chat, user.id);
      return c.json({ membersCount: chat.members.size }, 200);
    },
  );
