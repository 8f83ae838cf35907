// Service-to-service reads for the scripts services (scripts, scripts-watchdog, scripts-worker,
// scripts-watcher). Only callers with the deployment's internal token see them; the gateway
// never forwards /internal paths.
import { defineRoute, jsonBody, notFound, problems, requireInternal, z } from '@switchyard/kit';
import { findAccounts } from '../repositories/accounts';
import { findChats } from '../repositories/chats';
import { findRun } from '../repositories/runs';
import { iso, isoOrThrow } from '../views/common';
import { CapsSchema, PacingSchema, ScheduleSchema } from '../views/campaigns';
import { RUN_STATUSES } from '../domain/types';
import type { Deps } from './deps';

const tags = ['internal'];

const InternalRunSchema = z
  .object({
    sfc: z.object({
      id: z.string(),
      status: z.enum(RUN_STATUSES),
      seed: z.string(),
      createdAt: z.string(),
      campaignId: z.string(),
      scriptId: z.string(),
      scriptVersion: z.number().int(),
      scriptName: z.string(),
      mapping: z.record(z.string(), z.string()),
      chatIds: z.array(z.string()),
      requestedBy: z.string(),
      attempt: z.number().int(),
      startedAt: z.string().nullable(),
      finishedAt: z.string().nullable(),
    }),
    script: z.record(z.string(), z.unknown()),
    campaign: z.object({
      id: z.string(),
      name: z.string(),
      type: z.string(),
      status: z.string(),
      pacing: PacingSchema,
      schedule: ScheduleSchema,
      caps: CapsSchema,
    }),
    chats: z.array(
      z.object({
        id: z.string(),
        link: z.string().nullable(),
        username: z.string().nullable(),
        telegramId: z.string().nullable(),
        title: z.string().nullable(),
        permission: z.string(),
        kind: z.string().nullable(),
        language: z.string().nullable(),
      }),
    ),
    accounts: z.array(
      z.object({
        id: z.string(),
        status: z.string(),
        role: z.string(),
        firstName: z.string().nullable(),
        lastName: z.string().nullable(),
        username: z.string().nullable(),
        telegramUserId: z.string().nullable(),
        floodWaitUntil: z.string().nullable(),
      }),
    ),
  })
  .openapi('InternalScriptRun');

export const internalRunRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/internal/script-runs/{sfcId}',
      tags,
      summary: 'A run with its copied script, campaign settings, chats and accounts (fellow services only)',
      request: { params: z.object({ sfcId: z.string().min(1).max(64) }) },
      responses: { 200: jsonBody(InternalRunSchema, 'The run'), ...problems(404) },
    },
    async (c) => {
      requireInternal(c);
      const run = await findRun(deps.db, c.req.valid('param').sfcId);
      if (!run) throw notFound('Script run');
      // The campaign as it is now, even if deleted since: its settings still govern the run.
      const campaign = await deps.db
        .selectFrom('campaigns')
        .selectAll()
        .where('id', '=', run.campaign_id)
        .executeTakeFirstOrThrow();
      const chats = await findChats(deps.db, run.chat_ids);
      const accounts = await findAccounts(deps.db, run.account_ids);
      return c.json(
        {
          sfc: {
            id: run.id,
            status: run.status,
            seed: run.seed,
            createdAt: isoOrThrow(run.created_at),
            campaignId: run.campaign_id,
            scriptId: run.script_id,
            scriptVersion: run.script_version,
            scriptName: run.script_name,
            mapping: run.mapping,
            chatIds: run.chat_ids,
            requestedBy: run.requested_by,
            attempt: run.attempt,
            startedAt: iso(run.started_at),
            finishedAt: iso(run.finished_at),
          },
          script: run.script_body as Record<string, unknown>,
          campaign: {
            id: campaign.id,
            name: campaign.name,
            type: campaign.type,
            status: campaign.status,
            pacing: campaign.pacing,
            schedule: campaign.schedule,
            caps: campaign.caps,
          },
          chats: run.chat_ids
            .map((id) => chats.get(id))
            .filter((ch) => ch !== undefined)
            .map((ch) => ({
              id: ch.id,
              link: ch.link,
              username: ch.username,
              telegramId: ch.telegram_id,
              title: ch.title,
              permission: ch.permission,
              kind: ch.kind,
              language: ch.language,
            })),
          accounts: run.account_ids
            .map((id) => accounts.get(id))
            .filter((a) => a !== undefined)
            .map((a) => ({
              id: a.id,
              status: a.status,
              role: a.role,
              firstName: a.first_name,
              lastName: a.last_name,
              username: a.username,
              telegramUserId: a.telegram_user_id,
              floodWaitUntil: iso(a.flood_wait_until),
            })),
        },
        200,
      );
    },
  );
