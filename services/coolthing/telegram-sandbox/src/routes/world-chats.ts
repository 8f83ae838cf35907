import { conflict, defineRoute, jsonBody, jsonInput, notFound, problems, z } from '@switchyard/kit';
import { createChat } from '../domain/seed';
import { worldChat } from '../domain/world-views';
import { ChatIdParam, requireControl, WorldChatSchema, type Deps } from './common';

export const listChats = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/world/chats',
      tags: ['world'],
      summary: 'Chats of the world',
      responses: { 200: jsonBody(z.object({ items: z.array(WorldChatSchema) }), 'Chats') },
    },
    async (c) =>
      c.json({ items: [...deps.world.chats.values()].map((ch) => worldChat(deps.world, ch)) }, 200),
  );

export const getChat = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/world/chats/{id}',
      tags: ['world'],
      summary: 'One chat',
      request: { params: ChatIdParam },
      responses: { 200: jsonBody(WorldChatSchema, 'The chat'), ...problems(400, 404) },
    },
    async (c) => {
      const chat = deps.world.chats.get(c.req.valid('param').id);
      if (!chat) throw notFound('Chat');
      return c.json(worldChat(deps.world, chat), 200);
    },
  );

export const createChatRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/world/chats',
      tags: ['world'],
      summary: 'Create a chat with simulated members',
      request: jsonInput(
        z.object({
          title: z.string().min(1).max(128).optional(),
          kind: z.enum(['group', 'supergroup', 'channel']).default('supergroup'),
          username: z
            .string()
            .regex(/^[a-zA-Z][a-zA-Z0-9_]{4,31}$/)
            .optional(),
          isPrivate: z.boolean().default(false),
          lang: z.enum(['ru', 'en']).default('ru'),
          topic: z.string().max(40).optional(),
          members: z.number().int().min(0).max(2000).default(10),
          memberIds: z
            .array(z.string().regex(/^\d{1,20}$/))
            .max(2000)
            .optional(),
          slowModeSeconds: z.number().int().min(0).max(3600).default(0),
          chatterPerMinute: z.number().min(0).max(6000).default(0),
          isAdminChat: z.boolean().default(false),
        }),
      ),
      responses: { 201: jsonBody(WorldChatSchema, 'Created'), ...problems(400, 401, 403, 409, 422) },
    },
    async (c) => {
      requireControl(c, deps);
      const spec = c.req.valid('json');
      const w = deps.world;
      if (spec.username && w.usernames.has(spec.username.toLowerCase()))
        throw conflict('This username is taken.');
      if (spec.topic && !w.corpus.chat_topics.some((t) => t.key === spec.topic))
        throw conflict(`Unknown topic; known: ${w.corpus.chat_topics.map((t) => t.key).join(', ')}.`);
      const memberIds = (spec.memberIds ?? []).map(Number).filter((id) => w.users.has(id));
      const chat = createChat(w, { ...spec, memberIds }, w.rng.fork(`chat:${w.chats.size}`));
      return c.json(worldChat(w, chat), 201);
    },
  );
