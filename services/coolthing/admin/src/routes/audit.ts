import { defineRoute, jsonBody, problems, z } from '@switchyard/kit';
import { listAudit } from '../repositories/audit';
import { isoOrThrow, pageOf, PageQuery } from '../views/common';
import { allow, security } from './auth';
import type { Deps } from './deps';

const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.object({
      id: z.string(),
      kind: z.enum(['user', 'service', 'system']),
      roles: z.array(z.string()),
    }),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    details: z.record(z.string(), z.unknown()),
    requestId: z.string().nullable(),
  })
  .openapi('AuditEntry');

export const listAuditRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/audit',
      tags: ['audit'],
      summary: 'Who changed what, when: newest first',
      security,
      request: {
        query: z.object({
          entityType: z.string().max(40).optional(),
          entityId: z.string().max(64).optional(),
          actorId: z.string().max(64).optional(),
          action: z.string().max(60).optional(),
          since: z.coerce.date().optional(),
          until: z.coerce.date().optional(),
          ...PageQuery,
        }),
      },
      responses: {
        200: jsonBody(pageOf(AuditEntrySchema, 'AuditPage'), 'A page of audit entries'),
        ...problems(400, 401, 403),
      },
    },
    async (c) => {
      allow(c, 'audit');
      const { limit, offset, ...filter } = c.req.valid('query');
      const page = await listAudit(deps.db, filter, { limit, offset });
      return c.json(
        {
          ...page,
          items: page.items.map((r) => ({
            id: r.id,
            at: isoOrThrow(r.at),
            actor: { id: r.actor_id, kind: r.actor_kind, roles: r.actor_roles },
            action: r.action,
            entityType: r.entity_type,
            entityId: r.entity_id,
            details: r.details,
            requestId: r.request_id,
          })),
        },
        200,
      );
    },
  );
