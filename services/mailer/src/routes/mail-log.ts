import { defineRoute, jsonBody, problems, requireRole, z } from '@switchyard/kit';
import type { RouteDeps } from './deps';
import { RecipientQuery } from './schemas';

const LogEntry = z
  .object({
    id: z.string(),
    to: z.string(),
    template: z.string(),
    locale: z.string(),
    subject: z.string(),
    transport: z.enum(['smtp', 'captured']),
    status: z.enum(['sent', 'captured', 'failed']),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    requestedBy: z.string(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .openapi('MailLogEntry');

export const mailLog = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'get',
      path: '/log',
      tags: ['log'],
      summary: 'Every mail handled (sent, captured or failed), newest first; admins only',
      security: [{ bearer: [] }],
      request: {
        query: z.object({
          to: RecipientQuery,
          status: z.enum(['sent', 'captured', 'failed']).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
      },
      responses: {
        200: jsonBody(
          z.object({ items: z.array(LogEntry), total: z.number().int() }),
          'A page of the mail log',
        ),
        ...problems(400, 401, 403),
      },
    },
    async (c) => {
      requireRole(c, 'admin', 'owner');
      const { items, total } = await deps.mails.log(c.req.valid('query'));
      return c.json(
        {
          items: items.map((m) => ({
            id: m.id,
            to: m.recipient,
            template: m.template,
            locale: m.locale,
            subject: m.subject,
            transport: m.transport,
            status: m.status,
            attempts: m.attempts,
            lastError: m.last_error,
            requestedBy: m.requested_by,
            createdAt: m.created_at.toISOString(),
            sentAt: m.sent_at?.toISOString() ?? null,
          })),
          total,
        },
        200,
      );
    },
  );
