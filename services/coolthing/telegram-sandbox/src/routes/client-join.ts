import { defineRoute, jsonBody, jsonInput, problems } from '@switchyard/kit';
import { JoinInput, TgChatSchema } from '@switchyard/contracts';
import { join } from '../domain/client';
import { clientAccount, clientHeaders, telegram, type Deps } from './common';

export const clientJoin = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/client/join',
      tags: ['client'],
      summary: 'Join a chat by username or invite link',
      request: { headers: clientHeaders, ...jsonInput(JoinInput) },
      responses: { 200: jsonBody(TgChatSchema, 'Joined (or already a member)'), ...problems(400, 401, 403) },
    },
    async (c) => {
      const account = clientAccount(c, deps);
      return c.json(
        telegram(() => join(deps.world, account, c.req.valid('json').target)),
        200,
      );
    },
  );
