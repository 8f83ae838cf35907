import { defineRoute, jsonBody, jsonInput, notFound, problems, z } from '@switchyard/kit';
import { sessionLeases } from '../app/leases';
import { ACCOUNT_ROLES, ACCOUNT_STATUSES } from '../domain/types';
import { findAccount, listAccounts } from '../repositories/accounts';
import { AccountSchema, accountView } from '../views/accounts';
import { booleanQuery, IdParam, pageOf, PageQuery, Tags } from '../views/common';
import { allow, security } from './auth';
import type { Deps } from './deps';
import { ApiHash, ApiId, OptionalText, ProxyInputSchema } from './inputs';

const tags = ['accounts'];

export const listAccountsRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/accounts',
      tags,
      summary: 'Telegram accounts, newest first, with filters',
      security,
      request: {
        query: z.object({
          status: z.enum(ACCOUNT_STATUSES).optional(),
          role: z.enum(ACCOUNT_ROLES).optional(),
          campaignId: z.string().max(64).optional(),
          tag: z.string().max(40).optional(),
          reserve: booleanQuery,
          q: z.string().trim().min(1).max(100).optional(),
          ...PageQuery,
        }),
      },
      responses: {
        200: jsonBody(pageOf(AccountSchema, 'AccountPage'), 'A page of accounts'),
        ...problems(400, 401, 403),
      },
    },
    async (c) => {
      allow(c, 'read');
      const { limit, offset, ...filter } = c.req.valid('query');
      const page = await listAccounts(deps.db, filter, { limit, offset });
      const now = deps.clock();
      return c.json({ ...page, items: page.items.map((r) => accountView(r, now)) }, 200);
    },
  );

export const getAccountRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/accounts/{id}',
      tags,
      summary: 'One account, with who holds its session right now',
      security,
      request: { params: IdParam },
      responses: { 200: jsonBody(AccountSchema, 'The account'), ...problems(401, 403, 404) },
    },
    async (c) => {
      allow(c, 'read');
      const { id } = c.req.valid('param');
      const row = await findAccount(deps.db, id);
      if (!row) throw notFound('Account');
      const lease = await sessionLeases(deps.db).current(id);
      return c.json(
        {
          ...accountView(row, deps.clock()),
          lease: lease ? { holder: lease.holder, expiresAt: lease.expiresAt.toISOString() } : null,
        },
        200,
      );
    },
  );

const AccountPatch = z
  .strictObject({
    role: z.enum(ACCOUNT_ROLES).optional(),
    status: z.enum(['active', 'paused', 'stopped', 'banned', 'limited']).optional(),
    statusReason: OptionalText(500),
    tags: Tags.optional(),
    campaignId: z.string().min(1).max(64).nullable().optional(),
    isReserve: z.boolean().optional(),
    warmupStage: z.number().int().min(0).max(100).optional(),
    notes: OptionalText(2000),
    proxy: ProxyInputSchema.nullable().optional(),
    apiId: ApiId.nullable().optional(),
    /** Write-only; comes with apiId. */
    apiHash: ApiHash.optional(),
  })
  .openapi('AccountPatch');

export const patchAccountRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'patch',
      path: '/accounts/{id}',
      tags,
      summary: 'Change some fields of an account (fields not sent stay as they are; null clears)',
      security,
      request: { params: IdParam, ...jsonInput(AccountPatch) },
      responses: {
        200: jsonBody(AccountSchema, 'The account as it is now'),
        ...problems(400, 401, 403, 404, 422),
      },
    },
    async (c) => {
      const actor = allow(c, 'manage');
      const row = await deps.accounts.update(actor, c.req.valid('param').id, c.req.valid('json'));
      return c.json(accountView(row, deps.clock()), 200);
    },
  );

export const deleteAccountRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'delete',
      path: '/accounts/{id}',
      tags,
      summary: 'Delete an account (its session and secrets are forgotten at once)',
      security,
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404, 409) },
    },
    async (c) => {
      const actor = allow(c, 'manage');
      await deps.accounts.remove(actor, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

export const checkAccountRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/accounts/{id}/check',
      tags,
      summary: "Check the account's session with Telegram (health, profile, ban)",
      security,
      request: { params: IdParam },
      responses: {
        200: jsonBody(AccountSchema, 'The account after the check'),
        ...problems(401, 403, 404, 409, 503),
      },
    },
    async (c) => {
      const actor = allow(c, 'manage');
      const row = await deps.accounts.check(actor, c.req.valid('param').id);
      return c.json(accountView(row, deps.clock()), 200);
    },
  );
