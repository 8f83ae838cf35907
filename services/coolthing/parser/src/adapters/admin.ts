import { ServiceCallError, type ServiceClient } from '@switchyard/http';
import type { AccountCredentials, ProxyConfig } from '@switchyard/telegram';
import { z } from 'zod';
import type { Assignment } from '../domain/assignment';
import { LeaseHeld, LeaseLost, NotAParser, type AccountStatusReport, type ParserAdmin } from '../ports/admin';

const is = (err: unknown, ...statuses: number[]) =>
  err instanceof ServiceCallError && statuses.includes(err.status);
const path = (s: string) => encodeURIComponent(s);

const credentialsSchema = z.object({
  accountId: z.string(),
  session: z.string().min(1),
  apiId: z.coerce.number().int().nullish(),
  apiHash: z.string().nullish(),
  // The port validates the proxy where it uses it; here it only travels.
  proxy: z.record(z.string(), z.unknown()).nullish(),
});

const chatSchema = z.object({
  id: z.string(),
  link: z.string().nullable(),
  username: z.string().nullable(),
  telegramId: z.string().nullable(),
  title: z.string().nullable(),
});

const assignmentSchema = z.object({
  accountId: z.string(),
  status: z.string(),
  telegramUserId: z.string().nullable(),
  campaigns: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      plusKeywords: z.array(z.string()),
      minusKeywords: z.array(z.string()),
      languages: z.array(z.string()),
      dedupWindowSeconds: z.number().int().nullable(),
      chats: z.array(chatSchema),
    }),
  ),
  knownAccountUserIds: z.array(z.string()),
  revision: z.string(),
});

/** The admin's internal account and assignment API over the typed client (internal token, timeouts, breaker). */
export class HttpParserAdmin implements ParserAdmin {
  constructor(private readonly client: () => ServiceClient) {}

  async credentials(accountId: string): Promise<AccountCredentials> {
    const { data } = await this.client().get(`/internal/accounts/${path(accountId)}/credentials`, {
      schema: credentialsSchema,
    });
    return {
      accountId,
      session: data.session,
      ...(data.apiId ? { apiId: data.apiId } : {}),
      ...(data.apiHash ? { apiHash: data.apiHash } : {}),
      ...(data.proxy ? { proxy: data.proxy as unknown as ProxyConfig } : {}),
    };
  }

  async lease(accountId: string, holder: string, ttlSeconds: number): Promise<void> {
    try {
      await this.client().post(`/internal/accounts/${path(accountId)}/lease`, {
        json: { holder, ttlSeconds },
        // Taking a lease again for the same holder is harmless.
        idempotent: true,
      });
    } catch (err) {
      if (is(err, 409)) throw new LeaseHeld(accountId);
      throw err;
    }
  }

  async renew(accountId: string, holder: string, ttlSeconds: number): Promise<void> {
    try {
      await this.client().post(`/internal/accounts/${path(accountId)}/lease/renew`, {
        json: { holder, ttlSeconds },
        idempotent: true,
      });
    } catch (err) {
      if (is(err, 404, 409)) throw new LeaseLost(accountId);
      throw err;
    }
  }

  async release(accountId: string, holder: string): Promise<void> {
    try {
      await this.client().delete(`/internal/accounts/${path(accountId)}/lease`, { query: { holder } });
    } catch (err) {
      if (!is(err, 404, 409)) throw err;
    }
  }

  async reportStatus(accountId: string, report: AccountStatusReport): Promise<void> {
    await this.client().post(`/internal/accounts/${path(accountId)}/status`, {
      json: {
        status: report.status,
        reason: report.reason.slice(0, 500),
        ...(report.status === 'flood_wait' ? { until: report.until.toISOString() } : {}),
      },
      headers: { 'x-service-name': 'coolthing-parser' },
      idempotent: true,
    });
  }

  async assignment(accountId: string): Promise<Assignment> {
    try {
      const { data } = await this.client().get(`/internal/parser-assignments/${path(accountId)}`, {
        schema: assignmentSchema,
      });
      return data;
    } catch (err) {
      if (is(err, 404)) throw new NotAParser(accountId, 'the admin does not know the account');
      if (is(err, 409)) throw new NotAParser(accountId, 'the account is not a parser account');
      throw err;
    }
  }
}
