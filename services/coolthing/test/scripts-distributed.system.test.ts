import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, it } from 'vitest';
import { ProcessInfra, startService, type RunningService } from '@switchyard/kit';
import { startDistributed, type DistributedSystem } from '@switchyard/runner';
import { describeWith, waitFor } from '@switchyard/testing';
import { childProcessesWith, ownSystemInfra, type SystemInfra } from '@switchyard/testing/system';
import { findEntry } from '../../registry';
import * as flows from './scripts-flows';
import { SCRIPTS_ENTRIES, ScriptsApi, scriptsTestEnv } from './scripts-harness';
import { probe } from './scripts-probe';

describeWith(
  'RABBITMQ_URL',
  'CoolThing scripts mode in distributed mode (processes, RabbitMQ, Postgres)',
  () => {
    let infra: SystemInfra;
    let system: DistributedSystem;
    let probeService: RunningService;
    let probeInfra: ProcessInfra;
    const events = probe();
    const ctx = { events } as flows.FlowContext;
    const lines: string[] = [];

    beforeAll(async () => {
      const t0 = performance.now();
      infra = await ownSystemInfra('scripts');
      const env = { ...scriptsTestEnv, ...infra.env };
      probeInfra = new ProcessInfra(
        { RABBITMQ_URL: infra.env.RABBITMQ_URL, DATA_DIR: '.data/tmp/scripts-probe' },
        () => undefined,
      );
      probeService = await startService(events.service, {
        infra: probeInfra,
        env: { ...env, DATABASE_URL: '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      });
      system = await startDistributed({
        entries: SCRIPTS_ENTRIES.map(findEntry),
        ports: 'auto',
        env,
        output: (service, line) => {
          lines.push(`${service}: ${line}`);
          if (lines.length > 20_000) lines.shift();
        },
      });
      await system.ready(120_000);
      ctx.api = new ScriptsApi(system.gatewayUrl!);
      await ctx.api.login();
      ctx.demo = await ctx.api.demo();
      // SIGKILL from outside, to the worker process the watchdog started (process driver).
      ctx.killWorker = async (sfcId) => {
        const watchdog = system.processes.find((p) => p.id === 'coolthing/scripts-watchdog')!.child()!.pid!;
        const [pid] = await waitFor(async () => {
          const found = await childProcessesWith(watchdog, `RUN_ID=${sfcId}`);
          return found.length ? found : null;
        });
        process.kill(pid!, 'SIGKILL');
      };
      console.log(`distributed: scripts system ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }, 180_000);
    afterAll(async () => {
      await system?.stop();
      await probeService?.stop();
      await probeInfra?.close();
      // SCRIPTS_TEST_KEEP_DB=1 keeps the database for a look after a failure.
      // SCRIPTS_TEST_LOG_FILE=path writes every service's log lines there.
      if (process.env.SCRIPTS_TEST_LOG_FILE)
        await writeFile(process.env.SCRIPTS_TEST_LOG_FILE, lines.join('\n'));
      if (process.env.SCRIPTS_TEST_KEEP_DB === '1') console.log(`kept database ${infra?.env.DATABASE_URL}`);
      else await infra?.drop();
      const errors = lines.filter(
        (l) =>
          /"level":(50|60)/.test(l) ||
          (l.startsWith('coolthing/admin') && /"level":40/.test(l)) ||
          (/scripts-worker-/.test(l) && !/"level":30/.test(l)),
      );
      if (errors.length) console.log(errors.slice(-20).join('\n'));
    });

    it('plays a 3-role, 8-line script in 3 permitted chats, threaded, reported done', () =>
      flows.playsInEveryChat(ctx));
    it('waits out an injected FloodWait (time-scaled) and finishes, without a stall alert', () =>
      flows.waitsOutFloodWait(ctx));
    it('skips a write-forbidden chat with its reason and finishes the others', () =>
      flows.skipsForbiddenChat(ctx));
    it('restarts a SIGKILLed worker process, which resumes without sending any line twice', () =>
      flows.survivesWorkerKill(ctx));
    it('stops within 2 s of a stop from the admin API; the run ends stopped', () =>
      flows.stopsWithinTwoSeconds(ctx));
    it('starts no worker for a refused activation', () => flows.refusedActivationStartsNoWorker(ctx));
  },
);
