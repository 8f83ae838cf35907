// Throughput of the Telegram sandbox: how many messages a second it delivers to subscribers
// (accounts connected through the sandbox adapter, each on its own update stream).
//   node --import tsx bench/sandbox/run.ts [--messages 20000] [--subscribers 4]
import { parseArgs } from 'node:util';
import { EmbeddedInfra, startService } from '@switchyard/kit';
import { SandboxTelegramGateway } from '@switchyard/telegram/sandbox';
import type { TelegramAccount } from '@switchyard/telegram';
import { service } from '../../services/coolthing/telegram-sandbox/src/main';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '20000' },
    subscribers: { type: 'string', default: '4' },
    'timeout-s': { type: 'string', default: '120' },
  },
});
const MESSAGES = Number(values.messages);
const SUBSCRIBERS = Number(values.subscribers);
const TIMEOUT_MS = Number(values['timeout-s']) * 1000;

const infra = new EmbeddedInfra(undefined);
const sandbox = await startService(service, {
  infra,
  env: {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATA_DIR: '.data/tmp/bench-sandbox',
    SANDBOX_CONTROL_AUTH: 'open',
    SANDBOX_DEMO_WORLD: 'false',
    SANDBOX_CHATTER: 'off',
  },
});
const base = sandbox.url;
const post = async (path: string, body: unknown) => {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
};

const chat = await post('/world/chats', {
  username: 'bench_chat',
  members: 200,
  topic: 'crypto',
  lang: 'en',
});
const gateway = new SandboxTelegramGateway({ baseUrl: base });
const accounts: TelegramAccount[] = [];
const received: number[] = [];
for (let i = 0; i < SUBSCRIBERS; i++) {
  const phone = `+1555000${String(i).padStart(4, '0')}`;
  await post('/world/accounts', { phone });
  const pending = await gateway.sendCode(phone);
  const codes = await (await fetch(`${base}/world/codes?phone=${encodeURIComponent(phone)}`)).json();
  const signed = await gateway.signIn(pending, codes.items.at(-1).code);
  if (signed.status !== 'signed_in') throw new Error('sign-in failed');
  const account = await gateway.connect({ accountId: `bench-${i}`, session: signed.session });
  await account.join('@bench_chat');
  received.push(0);
  account.onMessage(() => received[i]!++, { scope: 'chats' });
  accounts.push(account);
}

// Warm-up, then the measured burst.
await post(`/world/chats/${chat.id}/simulate`, { count: 500 });
const warm = 500;
const deadlineWarm = Date.now() + 10_000;
while (received.some((n) => n < warm) && Date.now() < deadlineWarm)
  await new Promise((r) => setTimeout(r, 10));
received.fill(0);

const started = performance.now();
const burst = post(`/world/chats/${chat.id}/simulate`, { count: MESSAGES });
const deadline = Date.now() + TIMEOUT_MS;
while (received.some((n) => n < MESSAGES) && Date.now() < deadline)
  await new Promise((r) => setTimeout(r, 5));
const seconds = (performance.now() - started) / 1000;
await burst;
const delivered = received.reduce((a, b) => a + b, 0);
const complete = received.every((n) => n === MESSAGES);

await gateway.close();
await sandbox.stop();
await infra.close();

const result = {
  bench: 'telegram-sandbox-delivery',
  messages: MESSAGES,
  subscribers: SUBSCRIBERS,
  delivered,
  complete,
  seconds: Number(seconds.toFixed(3)),
  messages_per_second: Math.round(Math.min(...received) / seconds),
  deliveries_per_second: Math.round(delivered / seconds),
  target_deliveries_per_second: 5000,
  met: complete && delivered / seconds >= 5000,
};
console.log(JSON.stringify(result));
process.exit(complete ? 0 : 1);
