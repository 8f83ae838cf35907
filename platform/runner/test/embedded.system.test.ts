import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../../services/registry';
import { startEmbedded, type EmbeddedSystem } from '../src/embedded';

/** What the runners start: everything but the workers started on demand. */
const running = registry.filter((e) => !e.onDemand);

/** The whole registry in one process, as `npm start` runs it, checked through the gateway. */
describe('embedded mode: every registered service', () => {
  let system: EmbeddedSystem;
  let startedIn = 0;

  beforeAll(async () => {
    const t0 = performance.now();
    system = await startEmbedded({ entries: registry, ports: 'auto', env: { LOG_LEVEL: 'warn' } });
    startedIn = performance.now() - t0;
  });
  afterAll(async () => {
    const t0 = performance.now();
    await system?.stop();
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('reports every service ready through GET /api/system/services', async () => {
    const res = await fetch(`${system.gatewayUrl}/api/system/services`);
    const body = (await res.json()) as {
      ready: boolean;
      services: { name: string; ready: boolean; checks?: object }[];
    };
    const notReady = body.services.filter((s) => !s.ready);
    expect(notReady).toEqual([]);
    expect(body.services).toHaveLength(running.length - 1);
    console.log(`embedded: ${running.length} services ready in ${(startedIn / 1000).toFixed(1)} s`);
  });

  it("serves every service's OpenAPI document through the gateway", async () => {
    const body = (await (await fetch(`${system.gatewayUrl}/api/system/services`)).json()) as {
      services: { openapi: string }[];
    };
    for (const s of body.services) {
      const doc = await (await fetch(`${system.gatewayUrl}${s.openapi}`)).json();
      expect(doc.openapi).toBe('3.1.0');
    }
  });
});
