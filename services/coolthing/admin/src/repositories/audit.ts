import type { Actor } from '../domain/audit';
import type { AuditLogTable, Conn, Db } from '../db';
import { jsonb, type Page, type PageRequest } from './common';
import type { Selectable } from '@switchyard/store';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  details?: Record<string, unknown>;
}

/** Writes one audit record, in the caller's transaction so it commits with the change. */
export async function recordAudit(conn: Conn, actor: Actor, entry: AuditEntry): Promise<void> {
  await conn
    .insertInto('audit_log')
    .values({
      actor_id: actor.id,
      actor_kind: actor.kind,
      actor_roles: actor.roles,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      details: jsonb(entry.details ?? {}),
      request_id: actor.requestId,
    })
    .execute();
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  since?: Date;
  until?: Date;
}

export async function listAudit(
  db: Db,
  filter: AuditFilter,
  page: PageRequest,
): Promise<Page<Selectable<AuditLogTable>>> {
  let q = db.selectFrom('audit_log');
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
  if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.since) q = q.where('at', '>=', filter.since);
  if (filter.until) q = q.where('at', '<', filter.until);
  const [items, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n), limit: page.limit, offset: page.offset };
}
