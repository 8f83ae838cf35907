/**
 * `npm start` lands here. Embedded by default: every service in this process. With
 * `--distributed`: each service its own process against RabbitMQ, Postgres and Redis.
 *   --fresh          wipe embedded data (.data) first
 *   --only a,b       only these systems (plus the platform services)
 *   --ports auto     pick free ports instead of the fixed ones
 */
import { parseArgs } from 'node:util';
import { rootLogger } from '@switchyard/kit';
import { registry } from '../../../services/registry';
import { startDistributed } from './distributed';
import { startEmbedded } from './embedded';
import { printSummary } from './summary';

const { values } = parseArgs({
  options: {
    distributed: { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    only: { type: 'string' },
    ports: { type: 'string', default: 'fixed' },
  },
});

const started = performance.now();
const log = rootLogger({ level: process.env.LOG_LEVEL ?? 'info' });
const systems = values.only?.split(',').map((s) => s.trim());
const entries = registry.filter(
  (e) => !systems || !e.id.includes('/') || systems.includes(e.id.split('/')[0]!),
);
const ports = values.ports === 'auto' ? 'auto' : 'fixed';
const gatewayPort = process.env.PORT ? Number(process.env.PORT) : undefined;

async function main(): Promise<void> {
  let stop: () => Promise<void>;
  if (values.distributed) {
    const env = {
      RABBITMQ_URL: process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
      DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/switchyard',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    };
    log.info(
      {
        rabbitmq: redact(env.RABBITMQ_URL),
        postgres: redact(env.DATABASE_URL),
        redis: redact(env.REDIS_URL),
      },
      'distributed mode',
    );
    const system = await startDistributed({ entries, ports, gatewayPort, env });
    stop = system.stop;
    await system.ready();
    printSummary({
      mode: 'distributed',
      seconds: (performance.now() - started) / 1000,
      gatewayUrl: system.gatewayUrl,
      services: system.processes.map((p) => ({ id: p.id, url: p.url })),
      banner: [],
    });
  } else {
    const system = await startEmbedded({
      entries,
      dataDir: process.env.DATA_DIR ?? '.data',
      fresh: values.fresh,
      ports,
      gatewayPort,
    });
    stop = system.stop;
    printSummary({
      mode: 'embedded',
      seconds: (performance.now() - started) / 1000,
      gatewayUrl: system.gatewayUrl,
      services: system.services.map((s) => ({ id: s.system ? `${s.system}/${s.name}` : s.name, url: s.url })),
      banner: system.services.flatMap((s) => s.banner),
    });
  }
  let exitingSince = 0;
  const shutdown = (signal: string) => {
    // Ctrl-C reaches both npm's script runner and us; a second signal soon after is the same
    // keypress, a later one means "stop waiting".
    if (exitingSince) {
      if (Date.now() - exitingSince > 2000) process.exit(1);
      return;
    }
    exitingSince = Date.now();
    log.info({ signal }, 'stopping every service');
    setTimeout(() => process.exit(1), 15_000).unref();
    void stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

const redact = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@');

main().catch((err) => {
  console.error(`\nStart-up failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
