import { defineRoute, jsonBody, z } from '@switchyard/kit';
import { worldDialog } from '../domain/world-views';
import type { Deps } from './common';

const DialogSchema = z
  .object({
    id: z.string(),
    kind: z.literal('private'),
    title: z.string(),
    userIds: z.array(z.string()),
    messagesCount: z.number().int(),
    lastMessageAt: z.string().nullable(),
  })
  .openapi('SandboxDialog');

/** Private conversations (accounts writing to leads, leads answering), newest first. */
export const listDialogs = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/world/dialogs',
      tags: ['world'],
      summary: 'Private conversations',
      request: {
        query: z.object({
          userId: z
            .string()
            .regex(/^\d{1,20}$/)
            .optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      responses: { 200: jsonBody(z.object({ items: z.array(DialogSchema) }), 'Dialogs') },
    },
    async (c) => {
      const { userId, limit } = c.req.valid('query');
      const items = [...deps.world.dialogs.values()]
        .filter((d) => !userId || String(d.a) === userId || String(d.b) === userId)
        .map((d) => worldDialog(deps.world, d.key))
        .sort((x, y) => (y.lastMessageAt ?? '').localeCompare(x.lastMessageAt ?? ''))
        .slice(0, limit);
      return c.json({ items }, 200);
    },
  );
