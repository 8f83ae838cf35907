/**
 * Cinema under concurrent load through the gateway: sign-ins per second (argon2id bound),
 * and film list and search requests per second with p50/p99 latency.
 *
 *   node --import tsx bench/cinema/run.ts embedded
 *   RABBITMQ_URL=... DATABASE_URL=postgres://.../bench REDIS_URL=... node --import tsx bench/cinema/run.ts distributed
 */
import autocannon from 'autocannon';
import { startSystem } from '../lib/system';

const mode = process.argv[2] === 'distributed' ? 'distributed' : 'embedded';
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const email = 'bench-owner@switchyard.local';
const password = 'bench owner password 2026';

interface Figure {
  scenario: string;
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

async function load(name: string, gateway: string, connections: number, requests: autocannon.Request[]): Promise<Figure> {
  const result = await autocannon({ url: gateway, connections, duration: seconds, requests });
  return {
    scenario: name,
    connections,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function main(): Promise<void> {
  const env: Record<string, string> = {
    OWNER_EMAIL: email,
    OWNER_PASSWORD: password,
    RATE_LIMIT_PER_MINUTE: '1000000',
    IDENTITY_IP_MAX_FAILURES: '100000',
    DEMO_USERS: 'false',
  };
  if (mode === 'distributed') {
    const db = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/switchyard');
    db.pathname = `/bench_${Date.now()}`;
    env.DATABASE_URL = db.href;
  }
  const system = await startSystem({ distributed: mode === 'distributed', only: 'cinema', env });
  try {
    const queries = ['star', 'love', 'war', 'матрица', 'space', 'godfathr', 'город', 'night', 'dream', 'king'];
    const figures = [
      await load('login', system.gateway, 8, [
        { method: 'POST', path: '/api/identity/login', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) },
      ]),
      await load('film list', system.gateway, 32, [{ method: 'GET', path: '/api/cinema/films/?limit=20&sort=popularity&order=desc' }]),
      await load(
        'search',
        system.gateway,
        32,
        queries.map((q) => ({ method: 'GET', path: `/api/cinema/films/search?q=${encodeURIComponent(q)}&limit=20` })),
      ),
    ];
    console.log(JSON.stringify({ bench: 'cinema', mode, readySeconds: Number(system.readySeconds.toFixed(1)), seconds, figures, node: process.version }));
  } finally {
    await system.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
