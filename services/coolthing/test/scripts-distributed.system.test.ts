import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, it } from 'vitest';
import { ProcessInfra, startService, type RunningService } from '@switchyard/kit';
import { startDistributed, type DistributedSystem } from '@switchyard/runner';
import { dropDatabase } from '@switchyard/store';
import { describeWith, infraUrl, uniqueName, waitFor } from '@switchyard/testing';
import { findEntry } from '../../registry';
import * as flows from './scripts-flows';
import { SCRIPTS_ENTRIES, ScriptsApi, scriptsTestEnv } from './scripts-harness';
import { probe } from './scripts-probe';

/**
 * A virtual host of its own on the local broker, when `rabbitmqctl` is at hand: queue names are
 * fixed per service, so another system running on the same broker (a colleague's test run)
 * would otherwise consume this run's events. Falls back to the URL as given.
 */
async function isolatedBroker(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const vhost = uniqueName('scripts');
  const parsed = new URL(url);
  const user = decodeURIComponent(parsed.username || 'guest');
  try {
    await run('rabbitmqctl', ['add_vhost', vhost]);
    await run('rabbitmqctl', ['set_permissions', '-p', vhost, user, '.*', '.*', '.*']);
  } catch {
    return { url, drop: async () => undefined };
  }
  parsed.pathname = `/${vhost}`;
  return {
    url: parsed.href,
    drop: async () => void (await run('rabbitmqctl', ['delete_vhost', vhost]).catch(() => undefined)),
  };
}

const run = (cmd: string, args: string[]) =>
  new Promise<void>((resolve, reject) =>
    execFile(cmd, args, { timeout: 30_000 }, (err) => (err ? reject(err) : resolve())),
  );

/** Child processes of `parent` whose environment says they play run `sfcId`. */
async function workerPids(parent: number, sfcId: string): Promise<number[]> {
  const pids: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== parent) continue;
      const environ = (await readFile(`/proc/${name}/environ`, 'utf8')).split('\0');
      if (environ.includes(`RUN_ID=${sfcId}`)) pids.push(Number(name));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}

describeWith(
  'RABBITMQ_URL',
  'CoolThing scripts mode in distributed mode (processes, RabbitMQ, Postgres)',
  (rabbitUrl) => {
    const db = new URL(infraUrl('DATABASE_URL')!);
    db.pathname = `/${uniqueName('scripts')}`;
    let system: DistributedSystem;
    let probeService: RunningService;
    let probeInfra: ProcessInfra;
    const events = probe();
    const ctx = { events } as flows.FlowContext;
    const lines: string[] = [];

    let broker: Awaited<ReturnType<typeof isolatedBroker>>;

    beforeAll(async () => {
      const t0 = performance.now();
      broker = await isolatedBroker(rabbitUrl);
      const env = {
        ...scriptsTestEnv,
        RABBITMQ_URL: broker.url,
        DATABASE_URL: db.href,
        REDIS_URL: infraUrl('REDIS_URL')!,
      };
      probeInfra = new ProcessInfra(
        { RABBITMQ_URL: broker.url, DATA_DIR: '.data/tmp/scripts-probe' },
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
          const found = await workerPids(watchdog, sfcId);
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
      await broker?.drop();
      // SCRIPTS_TEST_KEEP_DB=1 keeps the database for a look after a failure.
      // SCRIPTS_TEST_LOG_FILE=path writes every service's log lines there.
      if (process.env.SCRIPTS_TEST_LOG_FILE)
        await writeFile(process.env.SCRIPTS_TEST_LOG_FILE, lines.join('\n'));
      if (process.env.SCRIPTS_TEST_KEEP_DB === '1') console.log(`kept database ${db.href}`);
      else await dropDatabase(db.href).catch(() => undefined);
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
