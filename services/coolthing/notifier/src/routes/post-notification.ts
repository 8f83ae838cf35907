import { defineRoute, jsonBody, jsonInput, problems, requireRole, z } from '@switchyard/kit';
import { createCustomAlert } from '../app/custom';
import type { Infra } from '../app/deps';
import { SEVERITIES } from '../domain/types';
import { AlertSchema, alertView, security, WRITERS } from './schemas';

const ChatId = z.string().regex(/^-?\d{1,20}$|^@[A-Za-z][A-Za-z0-9_]{3,31}$/, 'a chat id');

export const postNotificationRoute = (deps: Infra) =>
  defineRoute(
    {
      method: 'post',
      path: '/notifications',
      tags: ['notifications'],
      summary:
        'Send a custom notification to the admin chats (all, or a chosen bot and chats); it is logged and delivered like any alert',
      security,
      request: jsonInput(
        z
          .strictObject({
            text: z.string().trim().min(1).max(3500),
            severity: z.enum(SEVERITIES).default('info'),
            botId: z.string().min(1).max(64).optional(),
            chatIds: z.array(ChatId).min(1).max(50).optional(),
          })
          .openapi('CustomNotification'),
      ),
      responses: {
        202: jsonBody(AlertSchema, 'Logged; delivery follows (see GET /alerts/{id})'),
        ...problems(400, 401, 403, 422, 503),
      },
    },
    async (c) => {
      const user = requireRole(c, ...WRITERS);
      const row = await createCustomAlert(deps, c.req.valid('json'), user.id);
      // Relative to .../notifications, so it is right behind the gateway too.
      c.header('location', `alerts/${row.id}`);
      return c.json(alertView(row, []), 202);
    },
  );
