import { z } from '@switchyard/kit';
import type { BotRow } from '../repositories/bots';
import { isoOrThrow } from './common';

export const BotSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    /** The Bot API token is stored sealed and never shown. */
    tokenSet: z.boolean(),
    botUserId: z.string().nullable(),
    adminChatIds: z.array(z.string()),
    enabled: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('NotificationBot');

export const botView = (row: BotRow): z.infer<typeof BotSchema> => ({
  id: row.id,
  name: row.name,
  tokenSet: row.token_sealed.length > 0,
  botUserId: row.bot_user_id,
  adminChatIds: row.admin_chat_ids,
  enabled: row.enabled,
  createdAt: isoOrThrow(row.created_at),
  updatedAt: isoOrThrow(row.updated_at),
});
