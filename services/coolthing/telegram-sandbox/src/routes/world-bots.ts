import { conflict, defineRoute, jsonBody, jsonInput, problems, unprocessable, z } from '@switchyard/kit';
import { createBot } from '../domain/seed';
import { sha256 } from '../domain/world';
import { requireControl, type Deps } from './common';

const BotSchema = z
  .object({
    userId: z.string(),
    username: z.string().nullable(),
    firstName: z.string(),
    chats: z.array(z.string()),
  })
  .openapi('SandboxBot');

export const listBots = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/world/bots',
      tags: ['world'],
      summary: 'Registered bots (never their tokens)',
      responses: { 200: jsonBody(z.object({ items: z.array(BotSchema) }), 'Bots') },
    },
    async (c) => {
      const w = deps.world;
      const items = [...w.bots.values()].map((b) => {
        const u = w.users.get(b.userId)!;
        return {
          userId: String(u.id),
          username: u.username,
          firstName: u.firstName,
          chats: [...w.chats.values()].filter((ch) => ch.members.has(u.id)).map((ch) => ch.id),
        };
      });
      return c.json({ items }, 200);
    },
  );

/** Registers a bot with a token the caller chose (stored hashed, never shown again), like BotFather. */
export const createBotRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/world/bots',
      tags: ['world'],
      summary: 'Register a bot token and add the bot to chats',
      request: jsonInput(
        z.object({
          username: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{3,28}bot$/i, 'a bot username ending in "bot"'),
          firstName: z.string().min(1).max(64).optional(),
          token: z.string().regex(/^\d{1,12}:[A-Za-z0-9_-]{8,100}$/, 'a bot token like 123456:abc-DEF'),
          chatIds: z
            .array(z.string().regex(/^-?\d{1,20}$/))
            .max(50)
            .default([]),
        }),
      ),
      responses: { 201: jsonBody(BotSchema, 'Registered'), ...problems(400, 401, 403, 409, 422) },
    },
    async (c) => {
      requireControl(c, deps);
      const { chatIds, ...spec } = c.req.valid('json');
      const w = deps.world;
      if (w.usernames.has(spec.username.toLowerCase())) throw conflict('This username is taken.');
      if (w.botsByToken.has(sha256(spec.token))) throw conflict('This token is already registered.');
      const chats = chatIds.map((id) => w.chats.get(id));
      if (chats.some((ch) => !ch)) throw unprocessable('Unknown chat id.');
      const { user } = createBot(w, spec);
      for (const chat of chats) w.addMember(chat!, user.id);
      return c.json(
        { userId: String(user.id), username: user.username, firstName: user.firstName, chats: chatIds },
        201,
      );
    },
  );
