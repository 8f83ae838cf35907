import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDistributed, type DistributedSystem } from '@switchyard/runner';
import { dropDatabase } from '@switchyard/store';
import { describeWith, infraUrl, uniqueName } from '@switchyard/testing';
import { findEntry } from '../../registry';
import * as flows from './parser-leads-flows';
import { ParserModeApi } from './parser-mode-harness';

const rabbitmqctl = (...args: string[]) =>
  new Promise<void>((resolve, reject) =>
    execFile('rabbitmqctl', args, { timeout: 30_000 }, (err) => (err ? reject(err) : resolve())),
  );

/**
 * Queue names are fixed per service: on a broker shared with other test runs, this system gets
 * a virtual host of its own so nobody else consumes its events (the URL as given when
 * `rabbitmqctl` is not at hand).
 */
async function ownVirtualHost(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const vhost = uniqueName('parser-leads');
  const broker = new URL(url);
  try {
    await rabbitmqctl('add_vhost', vhost);
    await rabbitmqctl(
      'set_permissions',
      '-p',
      vhost,
      decodeURIComponent(broker.username || 'guest'),
      '.*',
      '.*',
      '.*',
    );
  } catch {
    return { url, drop: async () => undefined };
  }
  broker.pathname = `/${vhost}`;
  return { url: broker.href, drop: () => rabbitmqctl('delete_vhost', vhost).catch(() => undefined) };
}

/** Child processes of `parent` started for account `accountId` (the watchdog's process driver sets ACCOUNT_ID). */
async function workerProcesses(parent: number, accountId: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== parent) continue;
      const env = (await readFile(`/proc/${entry}/environ`, 'utf8')).split('\0');
      if (env.includes(`ACCOUNT_ID=${accountId}`)) found.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

describeWith(
  'RABBITMQ_URL',
  'CoolThing Parser Mode leads in distributed mode (processes, RabbitMQ, Postgres; the watchdog spawns the workers)',
  (rabbitUrl) => {
    const db = new URL(infraUrl('DATABASE_URL')!);
    db.pathname = `/${uniqueName('parser_leads')}`;
    let system: DistributedSystem;
    let broker: Awaited<ReturnType<typeof ownVirtualHost>>;
    let world: flows.LeadsWorld;
    let ban: flows.BanState;
    const lines: string[] = [];

    beforeAll(async () => {
      const t0 = performance.now();
      broker = await ownVirtualHost(rabbitUrl);
      system = await startDistributed({
        entries: flows.PARSER_LEADS_ENTRIES.map(findEntry),
        ports: 'auto',
        env: {
          ...flows.parserLeadsEnv,
          RABBITMQ_URL: broker.url,
          DATABASE_URL: db.href,
          REDIS_URL: infraUrl('REDIS_URL')!,
          // Workers are child processes of the watchdog; the runner migrates only what it starts.
          WORKER_ENV: JSON.stringify({ MIGRATE_ON_START: 'true' }),
        },
        output: (service, line) => {
          lines.push(`${service}: ${line}`);
          if (lines.length > 5000) lines.shift();
        },
      });
      await system.ready(180_000);
      console.log(`distributed: system ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const api = new ParserModeApi(system.gatewayUrl!);
      await api.login();
      world = await flows.setUpLeadsWorld(api);
      console.log(`distributed: parser leads ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }, 300_000);

    afterAll(async () => {
      // PARSER_LEADS_LOG=path keeps every process's log lines for a look after a failure.
      if (process.env.PARSER_LEADS_LOG) await writeFile(process.env.PARSER_LEADS_LOG, lines.join('\n'));
      await system?.stop();
      await broker?.drop();
      await dropDatabase(db.href).catch(() => undefined);
    });

    it(
      '1,000 member messages across 5 chats: exactly the expected leads, each once, with their keywords',
      () => flows.thousandMessagesGiveTheExpectedLeads(world),
      240_000,
    );
    it('a ban in the sandbox: marked, the reserve takes over its campaign and worker process, leads keep coming', async () => {
      ban = await flows.banSwapsInTheReserve(world);
    });
    it("the notifier's account-banned message reaches the admin chat through the bot, once", () =>
      flows.adminsToldThroughTheBot(world, ban));
    it('the account-banned message names the reserve that took over', () =>
      flows.alertNamesTheReplacement(world, ban));
    it('the workers are child processes of the watchdog: the reserve runs, the banned one is gone', async () => {
      const watchdog = system.processes.find((p) => p.id === 'coolthing/watchdog')!.child()!.pid!;
      expect(await workerProcesses(watchdog, ban.reserve.id)).toHaveLength(1);
      expect(await workerProcesses(watchdog, world.manager.id)).toHaveLength(1);
      expect(await workerProcesses(watchdog, world.parser.id)).toEqual([]);
    });
    it('logged no errors but the ban itself', () => {
      const errors = lines.filter((l) => /"level":(50|60)/.test(l));
      expect(
        errors.filter((l) => !/the account is banned|worker reports the account banned/.test(l)),
      ).toEqual([]);
    });
  },
);
