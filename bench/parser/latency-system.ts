// Parser Mode started for the latency bench, embedded (one process, PGlite, in-process broker)
// or distributed (one process per service, RabbitMQ, Postgres), with the Parser Mode test probe
// in this process: it publishes on the bus, records OutboundMessageSent, and starts account
// workers (bot, parser) as the watchdog would.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Bus, PayloadOf } from '@switchyard/bus';
import type { OutboundMessageSent } from '@switchyard/contracts';
import { ProcessInfra, startService, urlVariableOf } from '@switchyard/kit';
import { startDistributed, startEmbedded } from '@switchyard/runner';
import { dropDatabase } from '@switchyard/store';
import { findEntry } from '../../services/registry';
import {
  embeddedProbe,
  PARSER_MODE_ENTRIES,
  ParserModeApi,
} from '../../services/coolthing/test/parser-mode-harness';
import { freePort } from '../lib/system';

export type Mode = 'embedded' | 'distributed';

export interface LatencySystem {
  api: ParserModeApi;
  bus: Bus;
  sandboxUrl: string;
  /** Starts one on-demand worker (`coolthing/bot`, `coolthing/parser`) for an account and waits until it is ready. */
  startWorker(service: string, accountId: string): Promise<void>;
  stop(): Promise<void>;
}

const RUN_SERVICE = fileURLToPath(new URL('../../platform/runner/src/run-service.ts', import.meta.url));

export async function startLatencySystem(
  mode: Mode,
  env: Record<string, string>,
  onSent: (sent: PayloadOf<typeof OutboundMessageSent>) => void,
): Promise<LatencySystem> {
  const probe = embeddedProbe({ onSent });
  const entries = PARSER_MODE_ENTRIES.map(findEntry);
  if (mode === 'embedded') {
    const system = await startEmbedded({ entries: [...entries, probe.entry], ports: 'auto', env });
    const sandbox = system.services.find((s) => s.name === 'telegram-sandbox');
    if (!sandbox || !system.gatewayUrl) throw new Error('the sandbox or the gateway did not start');
    return {
      api: new ParserModeApi(system.gatewayUrl),
      bus: probe.state.bus!,
      sandboxUrl: sandbox.url,
      startWorker: async (service, accountId) =>
        void (await probe.state.workers!.start({
          service,
          name: `${service}-${accountId}`,
          env: { ACCOUNT_ID: accountId },
        })),
      stop: () => system.stop(),
    };
  }

  const rabbit = process.env.RABBITMQ_URL;
  const postgres = process.env.DATABASE_URL;
  if (!rabbit || !postgres) throw new Error('distributed mode needs RABBITMQ_URL and DATABASE_URL');
  const db = new URL(postgres);
  db.pathname = `/bench_latency_${Date.now().toString(36)}`;
  const full: Record<string, string> = {
    ...env,
    RABBITMQ_URL: rabbit,
    DATABASE_URL: db.href,
    INTERNAL_API_TOKEN: `bench-${Date.now()}-internal-token`,
  };
  if (process.env.REDIS_URL) full.REDIS_URL = process.env.REDIS_URL;
  const probeInfra = new ProcessInfra(
    { RABBITMQ_URL: rabbit, DATA_DIR: '.data/tmp/bench-latency-probe' },
    () => undefined,
  );
  const probeService = await startService(probe.service, {
    infra: probeInfra,
    env: { ...full, DATABASE_URL: '', PORT: '0', HOST: '127.0.0.1' },
  });
  const system = await startDistributed({
    entries,
    ports: 'auto',
    env: full,
    output: (service, line) => {
      if (/"level":(50|60)/.test(line)) process.stderr.write(`${service}: ${line}\n`);
    },
  });
  await system.ready(180_000);
  const urls: Record<string, string> = {};
  for (const p of system.processes) urls[urlVariableOf(await findEntry(p.id).load())] = p.url;
  const sandbox = system.processes.find((p) => p.id === 'coolthing/telegram-sandbox');
  if (!sandbox || !system.gatewayUrl) throw new Error('the sandbox or the gateway did not start');
  const children: ChildProcess[] = [];
  return {
    api: new ParserModeApi(system.gatewayUrl),
    bus: probe.state.bus!,
    sandboxUrl: sandbox.url,
    // What the watchdog's process driver does: one child process per account worker.
    async startWorker(service, accountId) {
      const port = await freePort();
      const child = spawn(process.execPath, ['--import', 'tsx', RUN_SERVICE, service], {
        env: {
          ...process.env,
          ...full,
          ...urls,
          ACCOUNT_ID: accountId,
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_FORMAT: 'json',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      children.push(child);
      const deadline = Date.now() + 90_000;
      while (
        !(await fetch(`http://127.0.0.1:${port}/readyz`).then(
          (r) => r.ok,
          () => false,
        ))
      ) {
        if (child.exitCode !== null)
          throw new Error(`${service} for ${accountId} exited (${child.exitCode})`);
        if (Date.now() > deadline) throw new Error(`${service} for ${accountId} not ready`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    async stop() {
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((resolve) => {
              if (c.exitCode !== null || c.signalCode !== null) return resolve();
              const kill = setTimeout(() => c.kill('SIGKILL'), 10_000);
              c.once('exit', () => (clearTimeout(kill), resolve()));
              c.kill('SIGTERM');
            }),
        ),
      );
      await system.stop();
      await probeService.stop();
      await probeInfra.close();
      await dropDatabase(db.href).catch(() => undefined);
    },
  };
}
