import { startEmbedded } from '@switchyard/runner';
import { platformFetch } from '@switchyard/kit';
import { findEntry } from '../services/registry';
const sys = await startEmbedded({ entries: ['gateway', 'identity', 'mailer', 'cinema/films'].map(findEntry), ports: 'auto', env: { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000' } });
const films = sys.services.find((s) => s.name === 'films')!.url;
for (const [name, path] of [['list', '/?limit=20&sort=popularity&order=desc'], ['search', '/search?q=star&limit=20'], ['healthz', '/healthz']]) {
  for (let i = 0; i < 20; i++) await platformFetch(films + path);
  const t = performance.now();
  const N = 200;
  for (let i = 0; i < N; i++) await (await platformFetch(films + path)).text();
  console.log(name, ((performance.now() - t) / N).toFixed(2), 'ms sequential (in-process)');
}
await sys.stop();
