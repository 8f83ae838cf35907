import { defineRoute, jsonBody, jsonInput, problems } from '@switchyard/kit';
import { ProfileInput, TgProfileSchema } from '@switchyard/contracts';
import { profile } from '../domain/client';
import { clientAccount, clientHeaders, telegram, type Deps } from './common';

export const clientProfile = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/client/profile',
      tags: ['client'],
      summary: "A user's profile: names, username, bio",
      request: { headers: clientHeaders, ...jsonInput(ProfileInput) },
      responses: { 200: jsonBody(TgProfileSchema, 'The profile'), ...problems(400, 401) },
    },
    async (c) => {
      const account = clientAccount(c, deps);
      return c.json(
        telegram(() => profile(deps.world, account, c.req.valid('json').user)),
        200,
      );
    },
  );
