import { defineRoute, jsonBody, jsonInput, problems, z } from '@switchyard/kit';
import { TypingInput } from '@switchyard/contracts';
import { typing } from '../domain/client';
import { clientAccount, clientHeaders, telegram, type Deps } from './common';

export const clientTyping = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/client/typing',
      tags: ['client'],
      summary: 'Show (or cancel) "typing…" in a chat',
      request: { headers: clientHeaders, ...jsonInput(TypingInput) },
      responses: { 200: jsonBody(z.object({ ok: z.boolean() }), 'Done'), ...problems(400, 401, 403) },
    },
    async (c) => {
      const account = clientAccount(c, deps);
      const { chat, action } = c.req.valid('json');
      telegram(() => typing(deps.world, account, chat, action));
      return c.json({ ok: true }, 200);
    },
  );
