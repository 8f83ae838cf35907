import { defineRoute, jsonBody, jsonInput, problems, z } from '@switchyard/kit';
import { PeerRefSchema, TgMessageSchema } from '@switchyard/contracts';
import { ownRecentMessages } from '../domain/client';
import { clientAccount, clientHeaders, telegram, type Deps } from './common';

const OwnMessagesInput = z.object({
  chat: PeerRefSchema,
  limit: z.number().int().min(1).max(100),
  afterId: z.number().int().min(0).optional(),
});

/** The account's own latest messages in a chat (was a send whose answer got lost delivered?). */
export const clientOwnMessages = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/client/own-messages',
      tags: ['client'],
      summary: "The account's own recent messages in a chat, newest first",
      request: { headers: clientHeaders, ...jsonInput(OwnMessagesInput) },
      responses: {
        200: jsonBody(z.object({ items: z.array(TgMessageSchema) }), 'Messages'),
        ...problems(400, 401, 403),
      },
    },
    async (c) => {
      const account = clientAccount(c, deps);
      const { chat, limit, afterId } = c.req.valid('json');
      return c.json(
        { items: telegram(() => ownRecentMessages(deps.world, account, chat, { limit, afterId })) },
        200,
      );
    },
  );
