import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bus, newId } from '@switchyard/bus';
import { OutboundMessageRequested } from '@switchyard/contracts';
import { service as botService } from '@switchyard/coolthing-bot';
import {
  startService,
  type RunningService,
  type WorkerExit,
  type WorkerHandle,
  type WorkerRuntime,
  type WorkerSpec,
} from '@switchyard/kit';
import { sleep, waitFor } from '@switchyard/testing';
import { startWorld, type World } from './support';

/**
 * The runner's inline worker runtime in small: the real `coolthing/bot` as one more service
 * instance on the test's infrastructure, ending with the exit code it asks for.
 */
class InlineBots implements WorkerRuntime {
  readonly kind = 'inline' as const;
  readonly started: { spec: WorkerSpec; exit?: WorkerExit }[] = [];
  private readonly live = new Set<RunningService>();

  constructor(
    private readonly w: World,
    private readonly env: Record<string, string>,
  ) {}

  async start(spec: WorkerSpec): Promise<WorkerHandle> {
    if (spec.service !== 'coolthing/bot') throw new Error(`no ${spec.service} in this test`);
    const record: { spec: WorkerSpec; exit?: WorkerExit } = { spec };
    this.started.push(record);
    let settle!: (e: WorkerExit) => void;
    const exited = new Promise<WorkerExit>((r) => (settle = r));
    const end = (e: WorkerExit) => {
      record.exit ??= e;
      settle(e);
    };
    const box: { svc?: RunningService } = {};
    box.svc = await startService(botService, {
      infra: this.w.infra,
      env: { ...this.env, ...spec.env, PORT: '0', HOST: '127.0.0.1' },
      onExitRequest: (code) => void box.svc?.stop().then(() => end({ code, signal: null })),
    });
    this.live.add(box.svc);
    return {
      name: spec.name,
      exited,
      stop: async () => {
        await box.svc?.stop();
        end({ code: 0, signal: null });
      },
      kill: () => {
        box.svc?.kill();
        end({ code: null, signal: 'SIGKILL' });
      },
    };
  }

  of(accountId: string) {
    return this.started.filter((s) => s.spec.env.ACCOUNT_ID === accountId);
  }
}

describe('watchdog with the real bot (coolthing/bot) on the Telegram sandbox', () => {
  let w: World;

  beforeAll(async () => {
    w = await startWorld();
  });
  afterAll(async () => {
    await w?.stop();
  });
  const busAs = async (service: string) => new Bus({ transport: await w.infra.transport(), service });

  it('runs a bot per manager account; a ban in the sandbox swaps in the reserve account, reported once', async () => {
    const campaign = await w.campaign();
    const banned = await w.account('manager', { campaignId: campaign });
    const reserve = await w.account('manager', { isReserve: true });
    const bots = new InlineBots(w, {
      ...w.base,
      LOG_LEVEL: process.env.WATCHDOG_TEST_LOG ?? 'silent',
      SERVICE_URL_COOLTHING_ADMIN: w.admin.url,
      TELEGRAM_SANDBOX_URL: w.sandbox.url,
      BOT_BANNED_DRAIN_SECONDS: '0.2',
    });
    const leaseOf = async (id: string) => {
      const list = await w.internal('GET', '/internal/account-workers?roles=manager');
      return list.body.items.find((a: { id: string }) => a.id === id)?.lease as { holder: string } | null;
    };
    // The bot runs: it holds the account's session lease.
    const svc = await w.startWatchdog({ WORKER_BANNED_DRAIN_MS: '20000' }, bots);
    await waitFor(async () => (await leaseOf(banned))?.holder.startsWith(`bot:${banned}:`), {
      timeoutMs: 15_000,
    });
    expect(bots.of(banned)).toHaveLength(1);

    // Telegram bans the account: its next send fails, the bot tells the admin and exits.
    const fault = await w.api('POST', `${w.sandbox.url}/world/faults`, {
      roles: ['operator'],
      body: { kind: 'account_banned', accountId: w.worldIds.get(banned) },
    });
    expect(fault.status).toBe(201);
    const lead = await w.api('POST', `${w.sandbox.url}/world/users`, {
      roles: ['operator'],
      body: { persona: 'silent' },
    });
    await (
      await busAs('manager')
    ).publish(OutboundMessageRequested, {
      outbound_id: newId(),
      lead_id: newId(),
      campaign_id: campaign,
      account_id: banned,
      user_id: String(lead.body.id),
      username: null,
      text: 'Hello! We saw your message about a flat.',
      kind: 'offer',
      not_before: new Date().toISOString(),
    });

    // The reserve account's bot runs and holds the session lease, as the admin sees it.
    await waitFor(async () => (await leaseOf(reserve))?.holder.startsWith(`bot:${reserve}:`), {
      timeoutMs: 20_000,
    });
    const list = await w.internal('GET', '/internal/account-workers?roles=manager');
    const byId = new Map(list.body.items.map((a: { id: string }) => [a.id, a]));
    expect(byId.get(banned)).toMatchObject({ status: 'banned', campaign: null });
    expect(byId.get(reserve)).toMatchObject({
      status: 'active',
      isReserve: false,
      campaign: { id: campaign },
    });
    // The watchdog records the lease holder on its next look at the admin.
    const holder = (await leaseOf(reserve))?.holder;
    await waitFor(async () => (await w.worker(svc, reserve)).holder === holder);
    // The banned account's bot gave its work back and ended by itself (not stopped by the watchdog).
    await waitFor(async () => (await w.worker(svc, banned)).status === 'banned');
    expect(await w.worker(svc, banned)).toMatchObject({ lastExit: 'exit code 0', replacedBy: reserve });
    await sleep(1000);
    const reports = w.bans.filter((b) => b.worker_id === banned);
    // The watchdog's report, naming the reserve account: the bot only told the admin.
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ source: 'watchdog', replaced_by: reserve });
    // The banned account's bot is not started again.
    await sleep(500);
    expect(bots.of(banned).filter((b) => !b.exit)).toHaveLength(0);
    expect(bots.of(reserve)).toHaveLength(1);
    await svc.stop();
    w.watchdogs.splice(0);
  });
});
