import { conflict, defineRoute, jsonBody, jsonInput, problems, z } from '@switchyard/kit';
import { PhoneSchema } from '@switchyard/contracts';
import { createAccount } from '../domain/seed';
import { worldAccount } from '../domain/world-views';
import { requireControl, WorldAccountSchema, type Deps } from './common';

export const listAccounts = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/world/accounts',
      tags: ['world'],
      summary: 'User accounts (phones, role hints, status)',
      responses: {
        200: jsonBody(z.object({ items: z.array(WorldAccountSchema) }), 'Accounts'),
        ...problems(401, 403),
      },
    },
    async (c) => {
      requireControl(c, deps);
      return c.json(
        { items: [...deps.world.accounts.values()].map((a) => worldAccount(deps.world, a)) },
        200,
      );
    },
  );

export const createAccountRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/world/accounts',
      tags: ['world'],
      summary: 'Create a user account (a phone that can sign in)',
      request: jsonInput(
        z.object({
          phone: PhoneSchema,
          firstName: z.string().min(1).max(64).optional(),
          lastName: z.string().max(64).optional(),
          username: z
            .string()
            .regex(/^[a-zA-Z][a-zA-Z0-9_]{4,31}$/)
            .optional(),
          bio: z.string().max(140).optional(),
          lang: z.enum(['ru', 'en']).optional(),
          password: z.string().min(1).max(64).optional(),
          passwordHint: z.string().max(64).optional(),
          roleHint: z.enum(['parser', 'manager', 'actor']).optional(),
        }),
      ),
      responses: { 201: jsonBody(WorldAccountSchema, 'Created'), ...problems(400, 401, 403, 409) },
    },
    async (c) => {
      requireControl(c, deps);
      const spec = c.req.valid('json');
      const w = deps.world;
      if (w.accountsByPhone.has(`+${spec.phone.replace(/\D/g, '')}`))
        throw conflict('This phone already has an account.');
      if (spec.username && w.usernames.has(spec.username.toLowerCase()))
        throw conflict('This username is taken.');
      const account = createAccount(w, spec, w.rng.fork(`account:${spec.phone}`));
      return c.json(worldAccount(w, account), 201);
    },
  );
