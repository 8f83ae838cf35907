import { defineRoute, jsonBody, problems } from '@switchyard/kit';
import { TgUserSchema } from '@switchyard/contracts';
import { me } from '../domain/client';
import { clientAccount, clientHeaders, telegram, type Deps } from './common';

export const clientMe = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/client/me',
      tags: ['client'],
      summary: 'The signed-in account (checks an imported session)',
      request: { headers: clientHeaders },
      responses: { 200: jsonBody(TgUserSchema, 'The account'), ...problems(401) },
    },
    async (c) => {
      const account = clientAccount(c, deps);
      return c.json(
        telegram(() => me(deps.world, account)),
        200,
      );
    },
  );
