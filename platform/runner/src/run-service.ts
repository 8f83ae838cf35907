/**
 * Runs one registered service in this process: `run-service.ts cinema/films`. With
 * `--migrate-only` it applies the migrations of the services named (one or more) and exits.
 * Used by the distributed runner, the Dockerfile and the Kubernetes manifests alike.
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

const args = process.argv.slice(2);
const migrateOnly = args.includes('--migrate-only');
const ids = args.filter((a) => a !== '--migrate-only');
if (ids.length === 0 || (ids.length > 1 && !migrateOnly) || ids.some((a) => a.startsWith('-'))) {
  console.error('usage: run-service.ts <service id> | run-service.ts <service id>... --migrate-only');
  process.exit(2);
}
const id = ids[0]!;
// Run from the compiled bundle (a .mjs file), the workers this service starts run from it too.
if (process.argv[1]?.endsWith('.mjs')) process.env.SWITCHYARD_SERVICE_BUNDLE ??= process.argv[1];

const log = rootLogger({ level: process.env.LOG_LEVEL ?? 'info' });

/**
 * Applies the migrations of every service named (what each one's migrations Job does in
 * Kubernetes), concurrently and over one infrastructure: without DATABASE_URL they share
 * one embedded database rather than each opening the same data directory.
 */
async function migrateAll(serviceIds: string[]): Promise<void> {
  const defs = await Promise.all(serviceIds.map((s) => findEntry(s).load()));
  const config = loadConfig(defs[0]!.name, defs[0]!.env, process.env);
  const infra = new ProcessInfra(config, (what, err) =>
    log.warn({ service: defs[0]!.name, what, err: String(err) }, 'infrastructure error'),
  );
  try {
    const results = await Promise.allSettled(
      defs.map(async (def, i) => {
        loadConfig(def.name, def.env, process.env);
        const database = await infra.database(schemaOf(def));
        try {
          const applied = await migrateService(def, database);
          log.info({ service: def.name, applied }, 'migrations done');
        } catch (err) {
          throw new Error(
            `migrations of ${serviceIds[i]} failed: ${err instanceof Error ? err.message : err}`,
          );
        } finally {
          await database.close();
        }
      }),
    );
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length) throw new Error(failed.map((f) => String(f.reason?.message ?? f.reason)).join('; '));
  } finally {
    await infra.close();
  }
}

async function main(): Promise<void> {
  if (migrateOnly) return migrateAll(ids);
  const def = await findEntry(id).load();
  const config = loadConfig(def.name, def.env, process.env);
  const infra = new ProcessInfra(config, (what, err) =>
    log.warn({ service: def.name, what, err: String(err) }, 'infrastructure error'),
  );

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
