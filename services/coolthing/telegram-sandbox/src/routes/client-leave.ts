import { defineRoute, jsonInput, problems, z } from '@switchyard/kit';
import { PeerRefSchema } from '@switchyard/contracts';
import { leave } from '../domain/client';
import { clientAccount, clientHeaders, telegram, type Deps } from './common';

export const clientLeave = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/client/leave',
      tags: ['client'],
      summary: 'Leave a chat (a chat the account is not in is left already)',
      request: { headers: clientHeaders, ...jsonInput(z.object({ chat: PeerRefSchema })) },
      responses: { 204: { description: 'Not a member (any more)' }, ...problems(400, 401) },
    },
    async (c) => {
      const account = clientAccount(c, deps);
      telegram(() => leave(deps.world, account, c.req.valid('json').chat));
      return c.body(null, 204);
    },
  );
