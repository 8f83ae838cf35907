// Accounts for workers: credentials (the one place a session leaves the admin), session leases
// (one live worker per session) and status reports. Fellow services only.
import {
  defineRoute,
  HttpProblem,
  jsonBody,
  jsonInput,
  notFound,
  problems,
  requireInternal,
  z,
} from '@switchyard/kit';
import {
  AccountCredentialsSchema,
  AccountStatusReportSchema,
  AccountStatusResultSchema,
  LeaseHolderSchema,
  SessionLeaseRequestSchema,
  SessionLeaseSchema,
} from '@switchyard/contracts/coolthing-admin';
import { SessionLeaseHeld, SessionLeaseLost } from '@switchyard/telegram/lease';
import { sessionLeases } from '../app/leases';
import { serviceActor } from '../domain/audit';
import { findAccount } from '../repositories/accounts';
import { credentialsOf } from '../app/credentials';
import { iso } from '../views/common';
import type { Deps } from './deps';

const tags = ['internal'];
const AccountParam = z.object({ id: z.string().min(1).max(64) });
// The shapes are the workers' contract; `meta` names them in the OpenAPI document.
const LeaseSchema = SessionLeaseSchema.meta({ id: 'SessionLease' });

async function liveAccount(deps: Deps, id: string) {
  const row = await findAccount(deps.db, id);
  if (!row) throw notFound('Account');
  return row;
}

export const internalCredentialsRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/internal/accounts/{id}/credentials',
      tags,
      summary: "An account's session, application credentials and proxy, opened (fellow services only)",
      request: { params: AccountParam },
      responses: {
        200: jsonBody(AccountCredentialsSchema, 'Credentials for the port (never log them)'),
        ...problems(404, 409),
      },
    },
    async (c) => {
      requireInternal(c);
      const row = await liveAccount(deps, c.req.valid('param').id);
      const creds = credentialsOf(row, deps.secrets);
      c.get('log').info({ accountId: row.id }, 'account credentials handed out');
      const defaults = deps.config.TELEGRAM_API_ID && !creds.apiId;
      return c.json(
        {
          accountId: row.id,
          session: creds.session,
          apiId: creds.apiId ?? (defaults ? deps.config.TELEGRAM_API_ID! : null),
          apiHash: creds.apiHash ?? (defaults ? deps.config.TELEGRAM_API_HASH! : null),
          proxy: creds.proxy ?? null,
        },
        200,
      );
    },
  );

const heldProblem = (err: SessionLeaseHeld) =>
  new HttpProblem(
    409,
    'Conflict',
    `The session is held by ${err.holder} until ${err.expiresAt.toISOString()}.`,
    {
      type: 'https://switchyard.dev/problems/session-lease-held',
      holder: err.holder,
      expiresAt: err.expiresAt.toISOString(),
    },
  );

export const acquireLeaseRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/internal/accounts/{id}/lease',
      tags,
      summary:
        "Take an account's session lease (or extend it for its holder); 409 when another holder has it",
      request: { params: AccountParam, ...jsonInput(SessionLeaseRequestSchema) },
      responses: { 200: jsonBody(LeaseSchema, 'Held'), ...problems(400, 404, 409) },
    },
    async (c) => {
      requireInternal(c);
      const { id } = c.req.valid('param');
      const { holder, ttlSeconds } = c.req.valid('json');
      await liveAccount(deps, id);
      try {
        const { expiresAt } = await sessionLeases(deps.db, ttlSeconds * 1000).acquire(id, holder);
        return c.json({ accountId: id, holder, expiresAt: expiresAt.toISOString() }, 200);
      } catch (err) {
        if (err instanceof SessionLeaseHeld) throw heldProblem(err);
        throw err;
      }
    },
  );

export const renewLeaseRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/internal/accounts/{id}/lease/renew',
      tags,
      summary: 'Extend a held lease; 409 when it was lost (stop using the session at once)',
      request: { params: AccountParam, ...jsonInput(SessionLeaseRequestSchema) },
      responses: { 200: jsonBody(LeaseSchema, 'Extended'), ...problems(400, 404, 409) },
    },
    async (c) => {
      requireInternal(c);
      const { id } = c.req.valid('param');
      const { holder, ttlSeconds } = c.req.valid('json');
      try {
        const { expiresAt } = await sessionLeases(deps.db, ttlSeconds * 1000).renew(id, holder);
        return c.json({ accountId: id, holder, expiresAt: expiresAt.toISOString() }, 200);
      } catch (err) {
        if (err instanceof SessionLeaseLost)
          throw new HttpProblem(
            409,
            'Conflict',
            `${holder} does not hold the session lease of this account any more.`,
            {
              type: 'https://switchyard.dev/problems/session-lease-lost',
            },
          );
        throw err;
      }
    },
  );

export const releaseLeaseRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'delete',
      path: '/internal/accounts/{id}/lease',
      tags,
      summary: 'Give a lease up (only its holder can; releasing a lease not held is not an error)',
      request: { params: AccountParam, query: z.object({ holder: LeaseHolderSchema }) },
      responses: { 204: { description: 'Released' }, ...problems(400, 404) },
    },
    async (c) => {
      requireInternal(c);
      await sessionLeases(deps.db).release(c.req.valid('param').id, c.req.valid('query').holder);
      return c.body(null, 204);
    },
  );

export const reportStatusRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/internal/accounts/{id}/status',
      tags,
      summary: 'A worker reports a ban, a flood wait until T, a limit, or that the account works again',
      request: { params: AccountParam, ...jsonInput(AccountStatusReportSchema) },
      responses: {
        200: jsonBody(AccountStatusResultSchema, 'The account status now'),
        ...problems(400, 404),
      },
    },
    async (c) => {
      requireInternal(c);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const caller = c.req.header('x-service-name')?.slice(0, 60) ?? 'worker';
      const outcome = await deps.accounts.reportStatus(
        serviceActor(`service:${caller}`, c.get('requestId')),
        id,
        {
          status: input.status,
          until: input.until ? new Date(input.until) : null,
          reason: input.reason ?? null,
        },
      );
      if (!outcome) throw notFound('Account');
      const a = outcome.account;
      return c.json(
        {
          changed: outcome.changed,
          ...(outcome.why ? { why: outcome.why } : {}),
          account: {
            id: a.id,
            status: a.status,
            statusReason: a.status_reason,
            floodWaitUntil: iso(a.flood_wait_until),
          },
        },
        200,
      );
    },
  );
