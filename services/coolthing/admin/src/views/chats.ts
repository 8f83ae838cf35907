import { z } from '@switchyard/kit';
import { CHAT_KINDS, CHAT_PERMISSIONS } from '../domain/types';
import type { ChatRow } from '../repositories/chats';
import { iso, isoOrThrow } from './common';

export const ChatSchema = z
  .object({
    id: z.string(),
    telegramId: z.string().nullable(),
    username: z.string().nullable(),
    link: z.string().nullable(),
    title: z.string().nullable(),
    kind: z.enum(CHAT_KINDS).nullable(),
    membersCount: z.number().int().nullable(),
    language: z.string().nullable(),
    tags: z.array(z.string()),
    permission: z.enum(CHAT_PERMISSIONS),
    permissionNote: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Chat');

export type ChatView = z.infer<typeof ChatSchema>;

export const chatView = (row: ChatRow): ChatView => ({
  id: row.id,
  telegramId: row.telegram_id,
  username: row.username,
  link: row.link,
  title: row.title,
  kind: row.kind,
  membersCount: row.members_count,
  language: row.language,
  tags: row.tags,
  permission: row.permission,
  permissionNote: row.permission_note,
  resolvedAt: iso(row.resolved_at),
  createdAt: isoOrThrow(row.created_at),
  updatedAt: isoOrThrow(row.updated_at),
});
