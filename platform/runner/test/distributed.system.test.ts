import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith } from '@switchyard/testing';
import { ownSystemInfra, type SystemInfra } from '@switchyard/testing/system';
import { registry } from '../../../services/registry';
import { startDistributed, type DistributedSystem } from '../src/distributed';

/** What the runners start: everything but the workers started on demand. */
const running = registry.filter((e) => !e.onDemand);

/** Every registered service as its own process on RabbitMQ, Postgres and Redis. */
describeWith('RABBITMQ_URL', 'distributed mode: every registered service', () => {
  let infra: SystemInfra;
  let system: DistributedSystem;
  const lines: string[] = [];
  let readyIn = 0;

  beforeAll(async () => {
    const t0 = performance.now();
    infra = await ownSystemInfra('sys');
    system = await startDistributed({
      entries: registry,
      ports: 'auto',
      env: { ...infra.env, LOG_LEVEL: 'warn' },
      output: (service, line) => lines.push(`${service}: ${line}`),
    });
    await system.ready(180_000);
    readyIn = performance.now() - t0;
  });
  afterAll(async () => {
    await system?.stop();
    await infra?.drop();
  });

  it('reports every service ready through the gateway, each in its own process', async () => {
    const body = (await (await fetch(`${system.gatewayUrl}/api/system/services`)).json()) as {
      ready: boolean;
      services: { name: string; ready: boolean }[];
    };
    expect(body.services.filter((s) => !s.ready)).toEqual([]);
    const pids = new Set(system.processes.map((p) => p.child()?.pid));
    expect(pids.size).toBe(running.length);
    expect(system.processes.every((p) => p.restarts === 0)).toBe(true);
    console.log(`distributed: ${running.length} processes ready in ${(readyIn / 1000).toFixed(1)} s`);
  });

  it('stops every process within the shutdown deadline', async () => {
    const t0 = performance.now();
    await system.stop();
    expect(performance.now() - t0).toBeLessThan(12_000);
    expect(system.processes.every((p) => p.child()?.exitCode === 0)).toBe(true);
    expect(lines.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
  });
});
