import { defineRoute, jsonBody, problems, requireRole, serviceUnavailable, z } from '@switchyard/kit';
import type { Infra } from '../app/deps';
import { LOCALES } from '../domain/types';
import { security, WRITERS } from './schemas';

export const listTargetsRoute = (deps: Infra) =>
  defineRoute(
    {
      method: 'get',
      path: '/targets',
      tags: ['notifications'],
      summary: 'The bots and admin chats alerts go to (never their tokens)',
      security,
      responses: {
        200: jsonBody(
          z.object({
            items: z.array(
              z.object({
                botId: z.string(),
                name: z.string(),
                source: z.enum(['admin', 'env', 'sandbox']),
                chats: z.array(z.object({ chatId: z.string(), locale: z.enum(LOCALES) })),
              }),
            ),
          }),
          'Bots and chats',
        ),
        ...problems(401, 403, 503),
      },
    },
    async (c) => {
      requireRole(c, ...WRITERS);
      const bots = await deps.bots.bots().catch(() => {
        throw serviceUnavailable('The list of notification bots cannot be read right now.', 5);
      });
      const { chatLocales, locale } = deps.settings;
      return c.json(
        {
          items: bots.map((b) => ({
            botId: b.id,
            name: b.name,
            source: b.source,
            chats: b.adminChatIds.map((chatId) => ({
              chatId,
              locale: chatLocales[chatId] ?? b.locale ?? locale,
            })),
          })),
        },
        200,
      );
    },
  );
