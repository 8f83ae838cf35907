import {
  conflict,
  defineRoute,
  jsonBody,
  jsonInput,
  notFound,
  problems,
  unprocessable,
  z,
} from '@switchyard/kit';
import { createMember } from '../domain/seed';
import { worldMessage, worldUser } from '../domain/world-views';
import { requireControl, WorldMessageSchema, WorldUserSchema, type Deps } from './common';

const UserIdParam = z.object({ id: z.string().regex(/^\d{1,20}$/) });

export const createUser = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/world/users',
      tags: ['world'],
      summary: 'Create a simulated user (optionally adding them to chats)',
      request: jsonInput(
        z.object({
          firstName: z.string().min(1).max(64).optional(),
          lastName: z.string().max(64).nullable().optional(),
          username: z
            .string()
            .regex(/^[a-zA-Z][a-zA-Z0-9_]{4,31}$/)
            .nullable()
            .optional(),
          bio: z.string().max(140).nullable().optional(),
          lang: z.enum(['ru', 'en']).optional(),
          persona: z.enum(['interested', 'neutral', 'question', 'opt_out', 'silent']).optional(),
          privacyRestricted: z.boolean().optional(),
          chatIds: z
            .array(z.string().regex(/^-?\d{1,20}$/))
            .max(50)
            .default([]),
        }),
      ),
      responses: { 201: jsonBody(WorldUserSchema, 'Created'), ...problems(400, 401, 403, 409, 422) },
    },
    async (c) => {
      requireControl(c, deps);
      const { chatIds, ...spec } = c.req.valid('json');
      const w = deps.world;
      if (spec.username && w.usernames.has(spec.username.toLowerCase()))
        throw conflict('This username is taken.');
      const chats = chatIds.map((id) => w.chats.get(id));
      if (chats.some((ch) => !ch)) throw unprocessable('Unknown chat id.');
      const user = createMember(w, spec, w.rng.fork(`user:${w.users.size}`));
      for (const chat of chats) w.addMember(chat!, user.id);
      return c.json(worldUser(user), 201);
    },
  );

export const getUser = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/world/users/{id}',
      tags: ['world'],
      summary: 'One user',
      request: { params: UserIdParam },
      responses: { 200: jsonBody(WorldUserSchema, 'The user'), ...problems(400, 404) },
    },
    async (c) => {
      const user = deps.world.users.get(Number(c.req.valid('param').id));
      if (!user) throw notFound('User');
      return c.json(worldUser(user), 200);
    },
  );

/** A simulated user writes privately to an account or a bot (a lead answering, a /start). */
export const sendDirect = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/world/users/{id}/messages',
      tags: ['world'],
      summary: 'A simulated user sends a private message',
      request: {
        params: UserIdParam,
        ...jsonInput(z.object({ to: z.string().regex(/^\d{1,20}$/), text: z.string().min(1).max(4096) })),
      },
      responses: { 201: jsonBody(WorldMessageSchema, 'Sent'), ...problems(400, 401, 403, 404, 422) },
    },
    async (c) => {
      requireControl(c, deps);
      const w = deps.world;
      const from = w.users.get(Number(c.req.valid('param').id));
      if (!from || from.kind !== 'member') throw notFound('Simulated user');
      const { to, text } = c.req.valid('json');
      const target = w.users.get(Number(to));
      if (!target || target.id === from.id) throw unprocessable('Unknown recipient.');
      const m = w.post(w.dialog(from.id, target.id).key, from.id, text);
      return c.json(worldMessage(w, m), 201);
    },
  );
