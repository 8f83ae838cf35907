/**
 * Runs one registered service in this process: `run-service.ts cinema/films`, with
 * `--migrate-only` to apply its migrations and exit. Used by the distributed runner, the
 * Dockerfile and the Kubernetes manifests alike.
 */
import {
  loadConfig,
  migrateService,
  ProcessInfra,
  rootLogger,
  schemaOf,
  shutdownTracing,
  startService,
} from '@switchyard/kit';
import { findEntry } from '../../../services/registry';
import { ProcessWorkers } from './workers';

const [id, flag] = process.argv.slice(2);
if (!id) {
  console.error('usage: run-service.ts <service id> [--migrate-only]');
  process.exit(2);
}

const log = rootLogger({ level: process.env.LOG_LEVEL ?? 'info' });

async function main(): Promise<void> {
  const def = await findEntry(id!).load();
  const config = loadConfig(def.name, def.env, process.env);
  const infra = new ProcessInfra(config, (what, err) =>
    log.warn({ service: def.name, what, err: String(err) }, 'infrastructure error'),
  );

  if (flag === '--migrate-only') {
    const database = await infra.database(schemaOf(def));
    const applied = await migrateService(def, database);
    log.info({ service: def.name, applied }, 'migrations done');
    await database.close();
    await infra.close();
    return;
  }

  let exiting = false;
  const exit = (code: number, reason: string) => {
    if (exiting) return;
    exiting = true;
    log.info({ service: def.name, reason }, 'shutting down');
    const hard = setTimeout(() => {
      log.error({ service: def.name }, 'shutdown took too long; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    hard.unref();
    void running
      .stop()
      .then(() => infra.close())
      // Spans still in the export batch go out before the process ends.
      .then(() => shutdownTracing())
      .then(
        () => process.exit(code),
        () => process.exit(1),
      );
  };
  const running = await startService(def, {
    infra,
    env: process.env,
    ownsProcess: true,
    workers: new ProcessWorkers(),
    onExitRequest: (code) => exit(code, 'job done'),
  });
  for (const line of running.banner) log.info({ service: def.name }, line);
  // A worker started by a watchdog (WATCHDOG_PID) whose watchdog died without stopping it
  // (SIGKILL) stops by itself: the next watchdog starts another, and two must not hold the account.
  const watchdog = Number(process.env.WATCHDOG_PID);
  if (watchdog > 0)
    setInterval(() => {
      if (process.ppid !== watchdog) exit(0, 'the watchdog that started this worker is gone');
    }, 1000).unref();
  process.on('SIGTERM', () => exit(0, 'SIGTERM'));
  process.on('SIGINT', () => exit(0, 'SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
