// Lead latency: from a member's message posted in a sandbox chat to the offer sent to that
// member (OutboundMessageSent from the account worker), with every delay of the path at 0
// (campaign pacing, jitter, typing, gaps between offers). Leads one after the other, so each
// measures the path, not a queue behind it; p50/p95 over --leads (after 5 warm-up leads).
//   node --import tsx bench/parser/latency.ts [--mode embedded|distributed|both] [--leads 120]
//     [--finder auto|parser|stand-in]
// `auto` uses the real parser when its worker exists (services/coolthing/parser/src/main.ts),
// else a stand-in with the same matcher (see lead-finder.ts). Distributed needs RABBITMQ_URL
// and DATABASE_URL. Targets: p95 < 100 ms embedded, < 250 ms distributed.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { on } from '@switchyard/bus';
import {
  AccountFloodWait,
  NewTargetMessage,
  OutboundMessageFailed,
  OutboundMessageRequested,
} from '@switchyard/contracts';
import { MANAGER_PHONES, parserModeEnv } from '../../services/coolthing/test/parser-mode-harness';
import { startFinder, type FinderKind } from './lead-finder';
import { startLatencySystem, type Mode } from './latency-system';

const { values } = parseArgs({
  options: {
    mode: { type: 'string', default: 'both' },
    leads: { type: 'string', default: '120' },
    finder: { type: 'string', default: 'auto' },
    'timeout-ms': { type: 'string', default: '15000' },
  },
});
const LEADS = Number(values.leads);
const WARMUP = 5;
const TIMEOUT_MS = Number(values['timeout-ms']);
const TARGET_P95_MS: Record<Mode, number> = { embedded: 100, distributed: 250 };
const parserExists = existsSync(
  fileURLToPath(new URL('../../services/coolthing/parser/src/main.ts', import.meta.url)),
);
const FINDER: FinderKind =
  values.finder === 'auto' ? (parserExists ? 'parser' : 'stand-in') : (values.finder as FinderKind);
if (!['parser', 'stand-in'].includes(FINDER)) throw new Error('--finder is auto, parser or stand-in');
const MODES: Mode[] = values.mode === 'both' ? ['embedded', 'distributed'] : [values.mode as Mode];
if (!Number.isInteger(LEADS) || LEADS < 1) throw new Error('--leads is a positive whole number');

/** Every wait on the path at zero; caps and rate limits far above what the bench sends. */
const ZERO_DELAYS: Record<string, string> = {
  ...parserModeEnv,
  LOG_LEVEL: 'error',
  // Ticks are only the fallback poll: new work wakes the manager's jobs and the bot's sender
  // after commit. Polling every 10 ms loaded the one in-process database the path waits on.
  MANAGER_TICK_MS: '500',
  MANAGER_JITTER_SECONDS: '0',
  MANAGER_MESSAGES_PER_HOUR: '10000',
  BOT_TICK_MS: '500',
  BOT_JITTER_SECONDS: '0',
  BOT_OFFER_GAP_SECONDS: '0',
  BOT_REPLY_GAP_SECONDS: '0',
  BOT_TYPING_MS_PER_CHAR: '0',
  BOT_TYPING_MIN_MS: '0',
  BOT_TYPING_MAX_MS: '0',
  // The notifier is not on the path; polling every 50 ms (the system tests' value) only adds load.
  NOTIFIER_COMPOSE_INTERVAL_MS: '500',
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

/** When each step's event reached this process, by user id: where the time goes. */
interface Marks {
  lead?: number;
  requested?: number;
}

async function measure(mode: Mode) {
  /** Who is waiting for their offer: user id → resolve(arrival time). */
  const waiting = new Map<string, (at: number) => void>();
  const marks = new Map<string, Marks>();
  /** Failed sends and flood waits: a lead without an offer says why. */
  const problems: string[] = [];
  const mark = (userId: string, step: keyof Marks) => {
    const m = marks.get(userId);
    if (m && m[step] === undefined) m[step] = performance.now();
  };
  const t0 = performance.now();
  const system = await startLatencySystem(mode, ZERO_DELAYS, (sent) =>
    waiting.get(sent.user_id)?.(performance.now()),
  );
  const readySeconds = (performance.now() - t0) / 1000;
  try {
    const { api } = system;
    await system.bus.subscribe({
      name: 'latency-steps',
      transactional: false,
      handlers: [
        on(NewTargetMessage, async (p) => mark(p.user_id, 'lead')),
        on(OutboundMessageRequested, async (p) => mark(p.user_id, 'requested')),
        on(OutboundMessageFailed, async (p) => void problems.push(`${p.reason}: ${p.detail}`)),
      ],
    });
    await system.bus.subscribe({
      name: 'latency-accounts',
      transactional: false,
      handlers: [
        on(
          AccountFloodWait,
          async (p) => void problems.push(`flood wait of ${p.seconds} s (${p.account_id})`),
        ),
      ],
    });
    await api.login();
    const campaignId = await api.campaign(`Latency ${mode}`, {
      pacing: { newLeadDelaySeconds: { min: 0, max: 0 }, answerDelaySeconds: { min: 0, max: 0 } },
      caps: { perAccountPerDay: 10_000, perCampaignPerDay: 1_000_000 },
      autoReply: false,
    });
    for (const phone of MANAGER_PHONES) {
      const account = await api.onboardManager(phone);
      await api.assign(account.id, campaignId);
      await system.startWorker('coolthing/bot', account.id);
    }
    const chat = await api.world('POST', '/world/chats', {
      username: `latency_${mode}`,
      title: `Latency ${mode}`,
      lang: 'en',
      members: 0,
    });
    const finder = await startFinder(FINDER, system, campaignId, { id: chat.id, username: chat.username });
    const users: { id: string }[] = [];
    for (let i = 0; i < WARMUP + LEADS; i++)
      users.push(
        await api.world('POST', '/world/users', {
          persona: 'silent',
          lang: 'en',
          firstName: `Lead${i}`,
          // The sandbox gives some users privacy settings that refuse strangers: not this path.
          privacyRestricted: false,
          chatIds: [chat.id],
        }),
      );

    const latencies: number[] = [];
    const steps = { finder: [] as number[], manager: [] as number[], bot: [] as number[] };
    let lost = 0;
    const lostSteps: string[] = [];
    for (const [i, user] of users.entries()) {
      const arrived = new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), i < WARMUP ? TIMEOUT_MS * 4 : TIMEOUT_MS);
        waiting.set(user.id, (at) => (clearTimeout(timer), resolve(at)));
      });
      marks.set(user.id, {});
      // Straight to the sandbox (Telegram's side), not through the gateway: the clock starts as the member posts.
      const start = performance.now();
      const posted = await fetch(`${system.sandboxUrl}/world/chats/${chat.id}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          userId: user.id,
          text: `Does anyone know a quiet coworking with good wifi? (${i})`,
        }),
      });
      if (posted.status !== 201)
        throw new Error(`posting in the sandbox: ${posted.status} ${await posted.text()}`);
      const at = await arrived;
      waiting.delete(user.id);
      if (at === null) {
        if (i < WARMUP) throw new Error(`warm-up lead ${i} got no offer within ${(TIMEOUT_MS * 4) / 1000} s`);
        lost++;
        const m = marks.get(user.id)!;
        lostSteps.push(m.requested !== undefined ? 'requested' : m.lead !== undefined ? 'lead' : 'none');
        continue;
      }
      if (i < WARMUP) continue;
      latencies.push(at - start);
      const m = marks.get(user.id)!;
      if (m.lead !== undefined && m.requested !== undefined) {
        steps.finder.push(m.lead - start);
        steps.manager.push(m.requested - m.lead);
        steps.bot.push(at - m.requested);
      }
    }
    await finder.stop();
    const sorted = [...latencies].sort((a, b) => a - b);
    const p95 = sorted.length ? percentile(sorted, 95) : Number.NaN;
    return {
      mode,
      finder: FINDER,
      leads: LEADS,
      offers: latencies.length,
      lost,
      ...(lost ? { lost_after_step: lostSteps } : {}),
      ...(problems.length ? { problems: problems.slice(0, 10) } : {}),
      ready_seconds: Number(readySeconds.toFixed(1)),
      p50_ms: Number(percentile(sorted, 50)?.toFixed(1)),
      p95_ms: Number(p95.toFixed(1)),
      max_ms: Number(sorted.at(-1)?.toFixed(1)),
      // Message → NewTargetMessage, → OutboundMessageRequested, → OutboundMessageSent (as seen here).
      step_p50_ms: Object.fromEntries(
        Object.entries(steps).map(([k, v]) => [
          k,
          Number(
            percentile(
              [...v].sort((a, b) => a - b),
              50,
            )?.toFixed(1),
          ),
        ]),
      ),
      target_p95_ms: TARGET_P95_MS[mode],
      met: lost === 0 && p95 < TARGET_P95_MS[mode],
    };
  } finally {
    await system.stop();
  }
}

const results = [];
for (const mode of MODES) {
  const result = await measure(mode);
  console.log(JSON.stringify(result));
  results.push(result);
}
process.exit(results.every((r) => r.lost === 0) ? 0 : 1);
