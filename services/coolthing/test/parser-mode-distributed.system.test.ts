import { afterAll, beforeAll, expect, it } from 'vitest';
import { NewTargetMessage } from '@switchyard/contracts';
import { ProcessInfra, startService, type RunningService } from '@switchyard/kit';
import { startDistributed, type DistributedSystem, type ServiceProcess } from '@switchyard/runner';
import { describeWith, sleep, uniqueName, waitFor } from '@switchyard/testing';
import { ownSystemInfra, type SystemInfra } from '@switchyard/testing/system';
import { findEntry } from '../../registry';
import * as flows from './parser-mode-flows';
import {
  embeddedProbe,
  leadOf,
  MANAGER_PHONES,
  PARSER_MODE_ENTRIES,
  ParserModeApi,
  parserModeEnv,
  type SandboxUser,
} from './parser-mode-harness';

describeWith(
  'RABBITMQ_URL',
  'CoolThing Parser Mode in distributed mode (processes, RabbitMQ, Postgres)',
  () => {
    let system: DistributedSystem;
    let probeService: RunningService;
    let probeInfra: ProcessInfra;
    const probe = embeddedProbe();
    const ctx = { seen: probe.seen } as flows.FlowContext;
    const lines: string[] = [];
    let secondManager: ServiceProcess;
    let infra: SystemInfra;

    // Eight processes and three workers start; on a busy machine that takes longer than the default hook time.
    beforeAll(async () => {
      const t0 = performance.now();
      infra = await ownSystemInfra('parser-mode');
      const env: Record<string, string> = {
        ...parserModeEnv,
        ...infra.env,
        INTERNAL_API_TOKEN: `parser-mode-${uniqueName('token')}`,
      };
      probeInfra = new ProcessInfra(
        { RABBITMQ_URL: infra.env.RABBITMQ_URL, DATA_DIR: '.data/tmp/parser-mode-probe' },
        () => undefined,
      );
      probeService = await startService(probe.service, {
        infra: probeInfra,
        env: { ...env, DATABASE_URL: '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      });
      system = await startDistributed({
        entries: PARSER_MODE_ENTRIES.map(findEntry),
        ports: 'auto',
        env,
        output: (service, line) => {
          lines.push(`${service}: ${line}`);
          if (lines.length > 3000) lines.shift();
        },
      });
      await system.ready(240_000);
      // A second manager instance on the same queue (`manager.leads`) and database.
      secondManager = await system.addInstance('coolthing/manager', { MIGRATE_ON_START: 'false' });
      ctx.api = new ParserModeApi(system.gatewayUrl!);
      await ctx.api.login();
      const accounts = [];
      for (const phone of MANAGER_PHONES) accounts.push(await ctx.api.onboardManager(phone));
      ctx.accounts = accounts as flows.FlowContext['accounts'];
      // One worker process per manager account, as the watchdog's process driver starts them
      // (they are ready once they hold their session lease and consume).
      const worker = (service: string, accountId: string) =>
        system.addInstance(service, { MIGRATE_ON_START: 'true', ACCOUNT_ID: accountId }, 90_000);
      await Promise.all(accounts.map((a) => worker('coolthing/bot', a.id)));
      ctx.publish = async (lead) => void (await probe.state.bus!.publish(NewTargetMessage, lead));
      ctx.startWorker = async (service, accountId) => void (await worker(service, accountId));
      console.log(`distributed: parser mode ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }, 360_000);

    afterAll(async () => {
      if (process.env.PARSER_MODE_LOG)
        (await import('node:fs')).writeFileSync(process.env.PARSER_MODE_LOG, lines.join('\n'));
      await system?.stop();
      await probeService?.stop();
      await probeInfra?.close();
      await infra?.drop();
    });

    it('two manager instances split the leads of one queue; every lead gets exactly one offer', async () => {
      const [a, b] = ctx.accounts;
      const campaignId = await ctx.api.campaign('Split');
      await ctx.api.assign(a.id, campaignId);
      await ctx.api.assign(b.id, campaignId);
      const users: SandboxUser[] = [];
      for (let i = 0; i < 12; i++) users.push(await ctx.api.user({ firstName: `Split${i}` }));
      for (const u of users) await ctx.publish(leadOf(campaignId, u));
      let last: unknown[] = [];
      const leads = await waitFor(
        async () => {
          const page = await ctx.api.manager('GET', `/leads?campaignId=${campaignId}&limit=100`);
          last = page.items.map((l: any) => [
            l.status,
            l.statusReason,
            l.schedule.waitReason,
            l.accountId,
            l.handledBy,
          ]);
          return page.items.length === 12 &&
            page.items.every((l: { status: string }) => l.status === 'contacted')
            ? page.items
            : null;
        },
        { timeoutMs: 60_000, intervalMs: 500, message: 'twelve contacted leads' },
      ).catch(async (err: Error) => {
        if (process.env.PARSER_MODE_LOG) {
          const { openPostgres } = await import('@switchyard/store');
          const m = await openPostgres({ url: infra.env.DATABASE_URL, schema: 'coolthing_manager' });
          const b = await openPostgres({ url: infra.env.DATABASE_URL, schema: 'coolthing_bot' });
          const dump = {
            outbox: await (m.db as any).selectFrom('platform_outbox').selectAll().execute(),
            outbound: await (m.db as any)
              .selectFrom('outbound')
              .select(['id', 'account_id', 'status', 'not_before', 'created_at'])
              .execute(),
            deliveries: await (b.db as any)
              .selectFrom('deliveries')
              .select(['outbound_id', 'state', 'not_before', 'received_at', 'attempts', 'failure_reason'])
              .execute(),
            now: new Date(),
          };
          (await import('node:fs')).writeFileSync('/tmp/pm-dump.json', JSON.stringify(dump, null, 1));
          await m.close();
          await b.close();
        }
        throw new Error(
          `${err.message}; leads: ${JSON.stringify(last)}; log: ${lines
            .filter((l) => /"level":(40|50)/.test(l))
            .slice(-15)
            .join('\n')}`,
        );
      });
      const instances = new Set(leads.map((l: { handledBy: string }) => l.handledBy));
      expect(instances.size).toBe(2);
      // Each user got one message, from one of the two accounts; the accounts shared the work.
      await sleep(2000);
      const fromA = await ctx.api.dmsFrom(a.telegramUserId);
      const fromB = await ctx.api.dmsFrom(b.telegramUserId);
      for (const [i, u] of users.entries()) {
        const got = [...(fromA.get(u.id) ?? []), ...(fromB.get(u.id) ?? [])];
        expect(got, u.id).toHaveLength(1);
        expect(got[0]).toContain(`Split${i}`);
      }
      expect([...fromA.keys()].filter((id) => users.some((u) => u.id === id)).length).toBeGreaterThan(0);
      expect([...fromB.keys()].filter((id) => users.some((u) => u.id === id)).length).toBeGreaterThan(0);
      const audit = await ctx.api.manager('GET', `/audit?campaignId=${campaignId}&limit=100`);
      expect(audit.items).toHaveLength(12);
      expect(new Set(audit.items.map((e: { leadId: string }) => e.leadId)).size).toBe(12);
      expect(secondManager.restarts).toBe(0);
      expect(secondManager.child()?.exitCode).toBeNull();
    });

    it('an opt-out reply suppresses the user for every campaign', () =>
      flows.optOutHoldsAcrossCampaigns(ctx));
    it('auto mode: exactly one offer per lead, within the campaign cap', () =>
      flows.exactlyOneOfferWithinCaps(ctx));

    it('a member message in a watched chat becomes one lead and one offer (real parser worker)', () =>
      flows.memberMessageBecomesOneOffer(ctx));
    it('announces a lead in the admin chats through the notifier', () =>
      flows.leadNotificationReachesAdmins(ctx));

    it('logged no errors', () => {
      expect(lines.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
    });
  },
);
