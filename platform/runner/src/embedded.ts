import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EmbeddedInfra, startService, type RunningService } from '@switchyard/kit';
import type { RegistryEntry } from '../../../services/registry';
import { assertPortFree } from './ports';
import { plan } from './plan';
import { InlineWorkers } from './workers';

export interface EmbeddedOptions {
  entries: RegistryEntry[];
  /** Where PGlite and service files live; undefined keeps everything in memory (tests). */
  dataDir?: string;
  fresh?: boolean;
  ports?: 'fixed' | 'auto';
  gatewayPort?: number;
  /** Extra environment for every service (tests set small timeouts, demo switches). */
  env?: Record<string, string>;
}

export interface EmbeddedSystem {
  services: RunningService[];
  gatewayUrl: string | undefined;
  stop(): Promise<void>;
}

/** Starts every service in this process on one PGlite, one in-process broker and one memory cache. */
export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedSystem> {
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  if (dataDir && options.fresh) await rm(dataDir, { recursive: true, force: true });
  const layout = await plan(options.entries, {
    ports: options.ports ?? 'fixed',
    gatewayPort: options.gatewayPort,
  });
  if ((options.ports ?? 'fixed') === 'fixed') for (const s of layout.services) await assertPortFree(s.port);
  const infra = new EmbeddedInfra(dataDir);
  const tmpData = dataDir ?? resolve('.data', 'tmp', String(process.pid));
  const env = { ...process.env, ...layout.env, ...options.env, HOST: '127.0.0.1', DATA_DIR: tmpData };
  const workers = new InlineWorkers(infra, () => env);
  const started: RunningService[] = [];
  const stopAll = async () => {
    await workers.stopAll();
    await Promise.allSettled(
      started
        .slice()
        .reverse()
        .map((s) => s.stop()),
    );
    await infra.close();
    if (!dataDir) await rm(tmpData, { recursive: true, force: true });
  };
  try {
    // Services start concurrently; the shared database serialises their migrations.
    const results = await Promise.allSettled(
      layout.services.map(async (s) => {
        const running = await startService(s.def, {
          infra,
          env: { ...env, PORT: String(s.port) },
          workers,
          loopback: true,
        });
        started.push(running);
        return running;
      }),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (err) {
    await stopAll();
    throw err;
  }
  const order = new Map(layout.services.map((s, i) => [s.def.name, i]));
  started.sort((a, b) => order.get(a.name)! - order.get(b.name)!);
  return {
    services: started,
    gatewayUrl: started.find((s) => s.name === 'gateway')?.url,
    stop: stopAll,
  };
}
