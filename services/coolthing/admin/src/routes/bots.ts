import { newId } from '@switchyard/bus';
import { defineRoute, jsonBody, jsonInput, notFound, problems, z } from '@switchyard/kit';
import { sentKeys } from '../domain/audit';
import { recordAudit } from '../repositories/audit';
import { findBot, insertBot, listBots, softDeleteBot, updateBot } from '../repositories/bots';
import { BotSchema, botView } from '../views/bots';
import { booleanQuery, IdParam, pageOf, PageQuery } from '../views/common';
import { allow, security } from './auth';
import type { Deps } from './deps';

const tags = ['notification bots'];

const BotToken = z
  .string()
  .trim()
  .regex(/^\d{1,12}:[A-Za-z0-9_-]{8,100}$/, 'a Bot API token like 123456:ABC-def');
const ChatIds = z.array(z.string().regex(/^-?\d{1,20}$/, 'a numeric Telegram chat id')).max(50);

/** The bot's own user id is the number before the colon of its token. */
const botUserIdOf = (token: string) => token.split(':')[0]!;

export const listBotsRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/notification-bots',
      tags,
      summary: 'Notification bots (Bot API) and the admin chats they post to',
      security,
      request: {
        query: z.object({
          q: z.string().trim().min(1).max(100).optional(),
          enabled: booleanQuery,
          ...PageQuery,
        }),
      },
      responses: {
        200: jsonBody(pageOf(BotSchema, 'NotificationBotPage'), 'A page of bots'),
        ...problems(400, 401, 403),
      },
    },
    async (c) => {
      allow(c, 'read');
      const { limit, offset, ...filter } = c.req.valid('query');
      const page = await listBots(deps.db, filter, { limit, offset });
      return c.json({ ...page, items: page.items.map(botView) }, 200);
    },
  );

export const getBotRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/notification-bots/{id}',
      tags,
      summary: 'One notification bot',
      security,
      request: { params: IdParam },
      responses: { 200: jsonBody(BotSchema, 'The bot'), ...problems(401, 403, 404) },
    },
    async (c) => {
      allow(c, 'read');
      const row = await findBot(deps.db, c.req.valid('param').id);
      if (!row) throw notFound('Notification bot');
      return c.json(botView(row), 200);
    },
  );

export const createBotRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/notification-bots',
      tags,
      summary: 'Add a notification bot (its token is stored sealed and never shown again)',
      security,
      request: jsonInput(
        z
          .strictObject({
            name: z.string().trim().min(1).max(100),
            token: BotToken,
            adminChatIds: ChatIds.default([]),
            enabled: z.boolean().default(true),
          })
          .openapi('NotificationBotInput'),
      ),
      responses: { 201: jsonBody(BotSchema, 'Created'), ...problems(400, 401, 403) },
    },
    async (c) => {
      const actor = allow(c, 'manage');
      const input = c.req.valid('json');
      const id = newId();
      const row = await deps.transaction(async (trx) => {
        const created = await insertBot(trx, {
          id,
          name: input.name,
          token_sealed: deps.secrets.seal('bot_token', id, input.token),
          bot_user_id: botUserIdOf(input.token),
          admin_chat_ids: input.adminChatIds,
          enabled: input.enabled,
          deleted_at: null,
        });
        await recordAudit(trx, actor, {
          action: 'notification_bot.created',
          entityType: 'notification_bot',
          entityId: id,
        });
        return created;
      });
      return c.json(botView(row), 201);
    },
  );

export const patchBotRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'patch',
      path: '/notification-bots/{id}',
      tags,
      summary: 'Change some fields of a notification bot (a new token replaces the old one)',
      security,
      request: {
        params: IdParam,
        ...jsonInput(
          z.strictObject({
            name: z.string().trim().min(1).max(100).optional(),
            token: BotToken.optional(),
            adminChatIds: ChatIds.optional(),
            enabled: z.boolean().optional(),
          }),
        ),
      },
      responses: { 200: jsonBody(BotSchema, 'The bot as it is now'), ...problems(400, 401, 403, 404) },
    },
    async (c) => {
      const actor = allow(c, 'manage');
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      const row = await deps.transaction(async (trx) => {
        const updated = await updateBot(trx, id, {
          ...(patch.name === undefined ? {} : { name: patch.name }),
          ...(patch.token === undefined
            ? {}
            : {
                token_sealed: deps.secrets.seal('bot_token', id, patch.token),
                bot_user_id: botUserIdOf(patch.token),
              }),
          ...(patch.adminChatIds === undefined ? {} : { admin_chat_ids: patch.adminChatIds }),
          ...(patch.enabled === undefined ? {} : { enabled: patch.enabled }),
        });
        if (!updated) throw notFound('Notification bot');
        await recordAudit(trx, actor, {
          action: 'notification_bot.updated',
          entityType: 'notification_bot',
          entityId: id,
          details: { fields: sentKeys(patch) },
        });
        return updated;
      });
      return c.json(botView(row), 200);
    },
  );

export const deleteBotRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'delete',
      path: '/notification-bots/{id}',
      tags,
      summary: 'Delete a notification bot',
      security,
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404) },
    },
    async (c) => {
      const actor = allow(c, 'manage');
      const { id } = c.req.valid('param');
      await deps.transaction(async (trx) => {
        if (!(await softDeleteBot(trx, id))) throw notFound('Notification bot');
        await recordAudit(trx, actor, {
          action: 'notification_bot.deleted',
          entityType: 'notification_bot',
          entityId: id,
        });
      });
      return c.body(null, 204);
    },
  );
