import { defineRoute, jsonBody, jsonInput, problems } from '@switchyard/kit';
import { SendInput, TgSentMessageSchema } from '@switchyard/contracts';
import { send } from '../domain/client';
import { clientAccount, clientHeaders, telegram, type Deps } from './common';

/** Sends to a chat or a user; faults answer here exactly as Telegram would (FLOOD_WAIT_X, ...). */
export const clientSend = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/client/send',
      tags: ['client'],
      summary: 'Send a message (optionally as a reply)',
      request: { headers: clientHeaders, ...jsonInput(SendInput) },
      responses: { 200: jsonBody(TgSentMessageSchema, 'Sent'), ...problems(400, 401, 403) },
    },
    async (c) => {
      const account = clientAccount(c, deps);
      const { chat, text, replyTo } = c.req.valid('json');
      return c.json(
        telegram(() => send(deps.world, account, chat, text, replyTo)),
        200,
      );
    },
  );
