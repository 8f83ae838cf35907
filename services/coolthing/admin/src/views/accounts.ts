import { z } from '@switchyard/kit';
import type { AccountRow } from '../repositories/accounts';
import { ACCOUNT_ROLES, ACCOUNT_STATUSES, PROXY_TYPES } from '../domain/types';
import { iso, isoOrThrow } from './common';

export const PublicProxySchema = z
  .object({
    type: z.enum(PROXY_TYPES),
    host: z.string(),
    port: z.number().int(),
    username: z.string().optional(),
    tls: z.boolean().optional(),
    /** The password (or MTProxy secret) is stored sealed and never shown. */
    secretSet: z.boolean(),
  })
  .openapi('AccountProxy');

export const AccountSchema = z
  .object({
    id: z.string(),
    phone: z.string().nullable(),
    apiId: z.number().int().nullable(),
    apiHashSet: z.boolean(),
    sessionSet: z.boolean(),
    proxy: PublicProxySchema.nullable(),
    role: z.enum(ACCOUNT_ROLES),
    status: z.enum(ACCOUNT_STATUSES),
    statusReason: z.string().nullable(),
    floodWaitUntil: z.string().nullable(),
    telegramUserId: z.string().nullable(),
    username: z.string().nullable(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    health: z.object({ checkedAt: z.string().nullable(), lastError: z.string().nullable() }),
    today: z.object({ day: z.string(), messagesSent: z.number().int(), newContacts: z.number().int() }),
    warmupStage: z.number().int(),
    isReserve: z.boolean(),
    tags: z.array(z.string()),
    campaignId: z.string().nullable(),
    notes: z.string().nullable(),
    lease: z.object({ holder: z.string(), expiresAt: z.string() }).nullable().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Account');

export type AccountView = z.infer<typeof AccountSchema>;

/** An account as operators see it: secrets only as "set" flags. */
export function accountView(row: AccountRow, now: Date): AccountView {
  const today = now.toISOString().slice(0, 10);
  const current = row.counters_day === today;
  return {
    id: row.id,
    phone: row.phone,
    apiId: row.api_id,
    apiHashSet: row.api_hash_sealed !== null,
    sessionSet: row.session_sealed !== null,
    proxy: row.proxy ? { ...row.proxy, secretSet: row.proxy_secret_sealed !== null } : null,
    role: row.role,
    status: row.status,
    statusReason: row.status_reason,
    floodWaitUntil: iso(row.flood_wait_until),
    telegramUserId: row.telegram_user_id,
    username: row.username,
    firstName: row.first_name,
    lastName: row.last_name,
    health: { checkedAt: iso(row.health_checked_at), lastError: row.health_error },
    today: {
      day: today,
      messagesSent: current ? row.messages_today : 0,
      newContacts: current ? row.contacts_today : 0,
    },
    warmupStage: row.warmup_stage,
    isReserve: row.is_reserve,
    tags: row.tags,
    campaignId: row.campaign_id,
    notes: row.notes,
    createdAt: isoOrThrow(row.created_at),
    updatedAt: isoOrThrow(row.updated_at),
  };
}
