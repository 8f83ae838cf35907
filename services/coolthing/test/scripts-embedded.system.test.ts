import { afterAll, beforeAll, describe, it } from 'vitest';
import { startEmbedded, type EmbeddedSystem } from '@switchyard/runner';
import { findEntry } from '../../registry';
import * as flows from './scripts-flows';
import { SCRIPTS_ENTRIES, ScriptsApi, scriptsTestEnv } from './scripts-harness';
import { probe } from './scripts-probe';

describe('CoolThing scripts mode in embedded mode (sandbox, inline workers)', () => {
  let system: EmbeddedSystem;
  const events = probe();
  const ctx = { events } as flows.FlowContext;

  beforeAll(async () => {
    const t0 = performance.now();
    system = await startEmbedded({
      entries: [...SCRIPTS_ENTRIES.map(findEntry), events.entry],
      ports: 'auto',
      env: scriptsTestEnv,
    });
    ctx.api = new ScriptsApi(system.gatewayUrl!);
    await ctx.api.login();
    ctx.demo = await ctx.api.demo();
    // In-process workers: the watchdog's kill ends the inline instance at once, as a crash would.
    ctx.killWorker = async (sfcId) =>
      void (await ctx.api.watchdog('POST', `/runs/${sfcId}/kill`, undefined, 202));
    console.log(`embedded: scripts system ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  });
  afterAll(async () => system?.stop());

  it('plays the admin demo run as `npm start` offers it', () => flows.playsTheAdminDemo(ctx));
  it('plays a 3-role, 8-line script in 3 permitted chats, threaded, reported done', () =>
    flows.playsInEveryChat(ctx));
  it('waits out an injected FloodWait (time-scaled) and finishes, without a stall alert', () =>
    flows.waitsOutFloodWait(ctx));
  it('skips a write-forbidden chat with its reason and finishes the others', () =>
    flows.skipsForbiddenChat(ctx));
  it('restarts a killed worker, which resumes without sending any line twice', () =>
    flows.survivesWorkerKill(ctx));
  it('stops within 2 s of a stop from the admin API; the run ends stopped', () =>
    flows.stopsWithinTwoSeconds(ctx));
  it('starts no worker for a refused activation', () => flows.refusedActivationStartsNoWorker(ctx));
  it('keeps identical lines apart (replies by line number, not by text)', () =>
    flows.keepsDuplicateLinesApart(ctx));
  it('counts member replies as engagement and answers a matching branch', () =>
    flows.countsEngagementAndAnswers(ctx));
});
