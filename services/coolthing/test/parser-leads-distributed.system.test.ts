import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDistributed, type DistributedSystem } from '@switchyard/runner';
import { describeWith } from '@switchyard/testing';
import { childProcessesWith, ownSystemInfra, type SystemInfra } from '@switchyard/testing/system';
import { findEntry } from '../../registry';
import * as flows from './parser-leads-flows';
import { ParserModeApi } from './parser-mode-harness';

describeWith(
  'RABBITMQ_URL',
  'CoolThing Parser Mode leads in distributed mode (processes, RabbitMQ, Postgres; the watchdog spawns the workers)',
  () => {
    let system: DistributedSystem;
    let infra: SystemInfra;
    let world: flows.LeadsWorld;
    let ban: flows.BanState;
    const lines: string[] = [];

    beforeAll(async () => {
      const t0 = performance.now();
      infra = await ownSystemInfra('parser-leads');
      system = await startDistributed({
        entries: flows.PARSER_LEADS_ENTRIES.map(findEntry),
        ports: 'auto',
        env: {
          ...flows.parserLeadsEnv,
          ...infra.env,
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
      await infra?.drop();
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
      expect(await childProcessesWith(watchdog, `ACCOUNT_ID=${ban.reserve.id}`)).toHaveLength(1);
      expect(await childProcessesWith(watchdog, `ACCOUNT_ID=${world.manager.id}`)).toHaveLength(1);
      expect(await childProcessesWith(watchdog, `ACCOUNT_ID=${world.parser.id}`)).toEqual([]);
    });
    it('logged no errors but the ban itself', () => {
      const errors = lines.filter((l) => /"level":(50|60)/.test(l));
      expect(
        errors.filter((l) => !/the account is banned|worker reports the account banned/.test(l)),
      ).toEqual([]);
    });
  },
);
