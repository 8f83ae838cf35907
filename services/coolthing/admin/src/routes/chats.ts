import { newId } from '@switchyard/bus';
import {
  conflict,
  defineRoute,
  jsonBody,
  jsonInput,
  notFound,
  problems,
  unprocessable,
  z,
} from '@switchyard/kit';
import { isUniqueViolation } from '@switchyard/store';
import { parsePeerRef } from '@switchyard/telegram';
import { sentKeys } from '../domain/audit';
import { CHAT_KINDS, CHAT_PERMISSIONS } from '../domain/types';
import { recordAudit } from '../repositories/audit';
import { findChat, insertChat, listChats, softDeleteChat, updateChat } from '../repositories/chats';
import { unfinishedRunOf } from '../repositories/runs';
import { ChatSchema, chatView } from '../views/chats';
import { IdParam, pageOf, PageQuery, Tags } from '../views/common';
import { allow, security } from './auth';
import type { Deps } from './deps';
import { OptionalText } from './inputs';

const tags = ['chat registry'];

const TelegramId = z.string().regex(/^-?\d{1,20}$/, 'a numeric Telegram chat id');
const Username = z.string().regex(/^@?[a-zA-Z][a-zA-Z0-9_]{3,31}$/, 'a Telegram username');
const Language = z.string().regex(/^[a-z]{2}$/, 'a two-letter language code');

const editable = {
  title: OptionalText(256),
  kind: z.enum(CHAT_KINDS).nullable().optional(),
  membersCount: z.number().int().min(0).max(100_000_000).nullable().optional(),
  language: Language.nullable().optional(),
  tags: Tags.optional(),
  permissionNote: OptionalText(1000),
};

/** Reads a pasted reference (`@name`, `t.me/name`, `t.me/+hash`, an id) into registry fields. */
function addressOf(input: { link?: string | null; username?: string | null; telegramId?: string | null }) {
  const out = {
    telegram_id: input.telegramId ?? null,
    username: input.username?.replace(/^@/, '') ?? null,
    link: null as string | null,
  };
  if (input.link) {
    let ref;
    try {
      ref = parsePeerRef(input.link);
    } catch {
      throw unprocessable('The link is not a Telegram link, username or chat id.', [
        { path: 'body.link', message: 'not a Telegram link' },
      ]);
    }
    if (ref.kind === 'id') out.telegram_id ??= ref.id;
    else if (ref.kind === 'username') {
      out.username ??= ref.username;
      out.link = `https://t.me/${ref.username}`;
    } else out.link = `https://t.me/+${ref.hash}`;
  } else if (out.username) out.link = `https://t.me/${out.username}`;
  return out;
}

const uniqueOrConflict = (err: unknown): never => {
  if (isUniqueViolation(err))
    throw conflict('A chat with this Telegram id or username is already in the registry.');
  throw err;
};

export const listChatsRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/chats',
      tags,
      summary: 'The chat registry, with the recorded permission to post in each chat',
      security,
      request: {
        query: z.object({
          permission: z.enum(CHAT_PERMISSIONS).optional(),
          kind: z.enum(CHAT_KINDS).optional(),
          language: Language.optional(),
          tag: z.string().max(40).optional(),
          q: z.string().trim().min(1).max(100).optional(),
          ...PageQuery,
        }),
      },
      responses: {
        200: jsonBody(pageOf(ChatSchema, 'ChatPage'), 'A page of chats'),
        ...problems(400, 401, 403),
      },
    },
    async (c) => {
      allow(c, 'read');
      const { limit, offset, ...filter } = c.req.valid('query');
      const page = await listChats(deps.db, filter, { limit, offset });
      return c.json({ ...page, items: page.items.map(chatView) }, 200);
    },
  );

export const getChatRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/chats/{id}',
      tags,
      summary: 'One chat of the registry',
      security,
      request: { params: IdParam },
      responses: { 200: jsonBody(ChatSchema, 'The chat'), ...problems(401, 403, 404) },
    },
    async (c) => {
      allow(c, 'read');
      const row = await findChat(deps.db, c.req.valid('param').id);
      if (!row) throw notFound('Chat');
      return c.json(chatView(row), 200);
    },
  );

export const createChatRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/chats',
      tags,
      summary: 'Register a chat (by link, username or id) and the permission to post in it',
      security,
      request: jsonInput(
        z
          .strictObject({
            link: z.string().trim().min(1).max(300).optional(),
            username: Username.optional(),
            telegramId: TelegramId.optional(),
            ...editable,
            permission: z.enum(CHAT_PERMISSIONS).default('unknown'),
          })
          .openapi('ChatInput'),
      ),
      responses: { 201: jsonBody(ChatSchema, 'Registered'), ...problems(400, 401, 403, 409, 422) },
    },
    async (c) => {
      const actor = allow(c, 'manage');
      const input = c.req.valid('json');
      const address = addressOf(input);
      if (!address.telegram_id && !address.username && !address.link)
        throw unprocessable('A chat needs a link, a username or a Telegram id.', [
          { path: 'body.link', message: 'send link, username or telegramId' },
        ]);
      const id = newId();
      const row = await deps
        .transaction(async (trx) => {
          const created = await insertChat(trx, {
            id,
            ...address,
            title: input.title ?? null,
            kind: input.kind ?? null,
            members_count: input.membersCount ?? null,
            language: input.language ?? null,
            tags: input.tags ?? [],
            permission: input.permission,
            permission_note: input.permissionNote ?? null,
            resolved_at: null,
            deleted_at: null,
          });
          await recordAudit(trx, actor, {
            action: 'chat.created',
            entityType: 'chat',
            entityId: id,
            details: { permission: input.permission },
          });
          return created;
        })
        .catch(uniqueOrConflict);
      return c.json(chatView(row), 201);
    },
  );

export const patchChatRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'patch',
      path: '/chats/{id}',
      tags,
      summary: 'Change some fields of a chat, such as its permission (fields not sent stay)',
      security,
      request: {
        params: IdParam,
        ...jsonInput(
          z.strictObject({
            link: z.string().trim().min(1).max(300).nullable().optional(),
            username: Username.nullable().optional(),
            telegramId: TelegramId.nullable().optional(),
            ...editable,
            permission: z.enum(CHAT_PERMISSIONS).optional(),
          }),
        ),
      },
      responses: {
        200: jsonBody(ChatSchema, 'The chat as it is now'),
        ...problems(400, 401, 403, 404, 409, 422),
      },
    },
    async (c) => {
      const actor = allow(c, 'manage');
      const { id } = c.req.valid('param');
      const p = c.req.valid('json');
      const row = await deps
        .transaction(async (trx) => {
          const current = await findChat(trx, id);
          if (!current) throw notFound('Chat');
          const addressSent = p.link !== undefined || p.username !== undefined || p.telegramId !== undefined;
          const address = addressSent
            ? addressOf({
                link: p.link === undefined ? current.link : p.link,
                username: p.username === undefined ? current.username : p.username,
                telegramId: p.telegramId === undefined ? current.telegram_id : p.telegramId,
              })
            : null;
          if (address && !address.telegram_id && !address.username && !address.link)
            throw unprocessable('A chat needs a link, a username or a Telegram id.');
          const updated = await updateChat(trx, id, {
            ...(address ?? {}),
            ...(p.title === undefined ? {} : { title: p.title }),
            ...(p.kind === undefined ? {} : { kind: p.kind }),
            ...(p.membersCount === undefined ? {} : { members_count: p.membersCount }),
            ...(p.language === undefined ? {} : { language: p.language }),
            ...(p.tags === undefined ? {} : { tags: p.tags }),
            ...(p.permission === undefined ? {} : { permission: p.permission }),
            ...(p.permissionNote === undefined ? {} : { permission_note: p.permissionNote }),
          });
          await recordAudit(trx, actor, {
            action: 'chat.updated',
            entityType: 'chat',
            entityId: id,
            details: {
              fields: sentKeys(p),
              ...(p.permission && p.permission !== current.permission
                ? { permission: { from: current.permission, to: p.permission } }
                : {}),
            },
          });
          return updated!;
        })
        .catch(uniqueOrConflict);
      return c.json(chatView(row), 200);
    },
  );

export const deleteChatRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'delete',
      path: '/chats/{id}',
      tags,
      summary: 'Remove a chat from the registry',
      security,
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404, 409) },
    },
    async (c) => {
      const actor = allow(c, 'manage');
      const { id } = c.req.valid('param');
      await deps.transaction(async (trx) => {
        const run = await unfinishedRunOf(trx, { chatId: id });
        if (run) throw conflict(`Run ${run} plays in this chat and has not ended; stop it first.`);
        if (!(await softDeleteChat(trx, id))) throw notFound('Chat');
        await recordAudit(trx, actor, { action: 'chat.deleted', entityType: 'chat', entityId: id });
      });
      return c.body(null, 204);
    },
  );

export const resolveChatRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/chats/{id}/resolve',
      tags,
      summary: "Fill in the chat's Telegram id, title, kind and members through an account",
      security,
      request: { params: IdParam, ...jsonInput(z.strictObject({ accountId: z.string().min(1).max(64) })) },
      responses: {
        200: jsonBody(ChatSchema, 'The chat as Telegram describes it'),
        ...problems(400, 401, 403, 404, 409, 422, 429, 503),
      },
    },
    async (c) => {
      const actor = allow(c, 'manage');
      const row = await deps.chats.resolve(actor, c.req.valid('param').id, c.req.valid('json').accountId);
      return c.json(chatView(row), 200);
    },
  );
