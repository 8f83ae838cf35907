import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@switchyard/bus';
import {
  AccountFloodWait,
  ScriptFinished,
  ScriptLineSent,
  ScriptRunRejected,
  ScriptStalled,
  ScriptStarted,
} from '@switchyard/contracts';
import { coworkingScript } from '@switchyard/coolthing-script';
import { sleep, waitFor } from '@switchyard/testing';
import { ACTOR_PHONES, onboard, publishAs, scriptsProbe, startHarness, type Harness } from './support';

describe('script runs: activation, controls and the status projection', () => {
  let h: Harness;
  let probe: Awaited<ReturnType<typeof scriptsProbe>>;
  let actors: string[];
  let spare: string[];
  let parser: string;
  let scriptId: string;
  let campaignId: string;
  let parserCampaignId: string;
  let owned: string[];
  let unknownChat: string;

  const activate = (body: Record<string, unknown>, as: 'operator' | 'viewer' = 'operator') =>
    h.api('POST', '/script-runs', { as, body });
  const mapping = (ids: string[]) => Object.fromEntries(ids.map((id, i) => [String(i + 1), id]));
  const outboxCount = async () =>
    Number(
      (
        await (
          await h.db()
        )
          .selectFrom('platform_outbox')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('type', 'in', ['NewActiveScript', 'ScriptRunControl'])
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    h = await startHarness();
    probe = await scriptsProbe(h);
    actors = [];
    for (const phone of ACTOR_PHONES) actors.push((await onboard(h, phone)).id);
    spare = [];
    for (const n of [4, 5, 6]) {
      const phone = `+7999300000${n}`;
      await h.world('POST', '/world/accounts', {
        phone,
        roleHint: 'actor',
        username: `spare_actor_${n}`,
        firstName: `Spare${n}`,
      });
      spare.push((await onboard(h, phone)).id);
    }
    parser = (await onboard(h, '+79991000001', { role: 'parser' })).id;
    const chats = (await h.world('GET', '/world/chats')).items.filter(
      (c: { isAdminChat: boolean; isPrivate: boolean }) => !c.isAdminChat && !c.isPrivate,
    );
    owned = [];
    for (const chat of chats.slice(0, 3)) {
      const res = await h.api('POST', '/chats', {
        as: 'admin',
        body: { link: `@${chat.username}`, telegramId: chat.id, title: chat.title, permission: 'owned' },
      });
      expect(res.status).toBe(201);
      owned.push(res.body.id);
    }
    unknownChat = (
      await h.api('POST', '/chats', {
        as: 'admin',
        body: { link: '@somebody_elses_chat', title: 'Not ours' },
      })
    ).body.id;
    scriptId = (await h.api('POST', '/scripts', { as: 'operator', body: coworkingScript })).body.id;
    campaignId = (
      await h.api('POST', '/campaigns', {
        as: 'operator',
        body: { name: 'Hive Coworking', type: 'scripts', status: 'active', targetChatIds: owned },
      })
    ).body.id;
    parserCampaignId = (
      await h.api('POST', '/campaigns', { as: 'operator', body: { name: 'Leads', type: 'parser' } })
    ).body.id;
  });
  afterAll(async () => h?.stop());

  /** Asserts a refusal: 422 naming the problem, no run stored, nothing in the outbox, nothing delivered. */
  async function refused(body: Record<string, unknown>, code: string) {
    const runsBefore = (await h.api('GET', '/script-runs?limit=1', { as: 'viewer' })).body.total;
    const outboxBefore = await outboxCount();
    const delivered = probe.got.length;
    const res = await activate(body);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.problems.map((p: { code: string }) => p.code)).toContain(code);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    await sleep(150);
    expect((await h.api('GET', '/script-runs?limit=1', { as: 'viewer' })).body.total).toBe(runsBefore);
    expect(await outboxCount()).toBe(outboxBefore);
    expect(probe.got.length).toBe(delivered);
    return res.body;
  }

  it('refuses a chat without recorded permission', async () => {
    const body = await refused(
      { scriptId, campaignId, mapping: mapping(actors), chatIds: [owned[0], unknownChat] },
      'chat_permission_unknown',
    );
    expect(body.problems.find((p: { code: string }) => p.code === 'chat_permission_unknown').chatId).toBe(
      unknownChat,
    );
  });

  it('refuses an unmapped role and a mapping to a role the script does not have', async () => {
    await refused({ scriptId, campaignId, mapping: mapping(actors.slice(0, 2)) }, 'role_unmapped');
    await refused({ scriptId, campaignId, mapping: { ...mapping(actors), 4: spare[0] } }, 'role_unknown');
  });

  it('refuses one account in two roles', async () => {
    await refused(
      { scriptId, campaignId, mapping: { 1: actors[0], 2: actors[1], 3: actors[0] } },
      'account_reused',
    );
  });

  it('refuses banned, stopped and flood-waiting accounts, and accounts of another role', async () => {
    const [a, b, c] = spare;
    expect(
      (
        await h.internal('POST', `/internal/accounts/${a}/status`, {
          status: 'banned',
          reason: 'USER_DEACTIVATED_BAN',
        })
      ).body.account.status,
    ).toBe('banned');
    await refused(
      { scriptId, campaignId, mapping: { 1: a, 2: actors[1], 3: actors[2] } },
      'account_unavailable',
    );
    expect(
      (await h.api('PATCH', `/accounts/${b}`, { as: 'admin', body: { status: 'stopped' } })).body.status,
    ).toBe('stopped');
    await refused(
      { scriptId, campaignId, mapping: { 1: actors[0], 2: b, 3: actors[2] } },
      'account_unavailable',
    );
    await publishAs(h, 'scripts-worker', AccountFloodWait, {
      account_id: c!,
      seconds: 3600,
      until: new Date(Date.now() + 3600_000).toISOString(),
    });
    await waitFor(async () => (await h.api('GET', `/accounts/${c}`)).body.status === 'flood_wait', {
      message: 'flood wait',
    });
    await refused(
      { scriptId, campaignId, mapping: { 1: actors[0], 2: actors[1], 3: c } },
      'account_unavailable',
    );
    await refused(
      { scriptId, campaignId, mapping: { 1: parser, 2: actors[1], 3: actors[2] } },
      'account_wrong_role',
    );
    await refused(
      { scriptId, campaignId, mapping: { 1: newId(), 2: actors[1], 3: actors[2] } },
      'account_not_found',
    );
  });

  it('refuses a malformed script, an unknown script and a campaign that is not a scripts campaign', async () => {
    // A script saved through the API is always valid; one damaged in storage must still be refused.
    const broken = newId();
    await (
      await h.db()
    )
      .insertInto('scripts')
      .values({
        id: broken,
        name: 'broken',
        language: 'en',
        body: JSON.stringify({
          ...coworkingScript,
          lines: [{ role: 1, text: '{unclosed', delay: { min: 1, max: 2 } }],
        }),
        roles_count: 3,
        lines_count: 1,
        variants_total: 1,
        created_by: 'test',
      })
      .execute();
    const body = await refused({ scriptId: broken, campaignId, mapping: mapping(actors) }, 'script_invalid');
    expect(body.problems[0]).toMatchObject({ line: 1, column: expect.any(Number) });
    await refused({ scriptId: newId(), campaignId, mapping: mapping(actors) }, 'script_not_found');
    await refused(
      { scriptId, campaignId: parserCampaignId, mapping: mapping(actors), chatIds: owned },
      'campaign_not_scripts',
    );
  });

  it('refuses bad input with 400 and viewers with 403, publishing nothing', async () => {
    const before = probe.got.length;
    expect((await activate({ scriptId, campaignId, mapping: { x: actors[0] } })).status).toBe(400);
    expect((await activate({ scriptId, campaignId, mapping: mapping(actors), extra: 1 })).status).toBe(400);
    expect((await activate({ scriptId, campaignId, mapping: mapping(actors) }, 'viewer')).status).toBe(403);
    await sleep(100);
    expect(probe.got.length).toBe(before);
  });

  let runId: string;

  it('activates: stores the run with a copy of the script and publishes exactly one NewActiveScript', async () => {
    probe.clear();
    const res = await activate({ scriptId, campaignId, mapping: mapping(actors), seed: 'fixed-seed' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    runId = res.body.id;
    expect(res.body).toMatchObject({
      status: 'queued',
      scriptId,
      scriptVersion: 1,
      campaignId,
      campaignName: 'Hive Coworking',
      chatIds: owned,
      seed: 'fixed-seed',
      mapping: mapping(actors),
      requestedBy: 'test-operator',
    });
    await waitFor(() => probe.of('NewActiveScript').length === 1, { message: 'NewActiveScript' });
    await sleep(200);
    expect(probe.of('NewActiveScript')).toEqual([
      { type: 'NewActiveScript', payload: { script_for_campaign_id: runId } },
    ]);

    // The script changes afterwards; the run keeps the version it started with.
    const changed = { ...coworkingScript, name: 'Coworking v2' };
    expect((await h.api('PUT', `/scripts/${scriptId}`, { as: 'operator', body: changed })).body.version).toBe(
      2,
    );
    const internal = await h.internal('GET', `/internal/script-runs/${runId}`);
    expect(internal.status).toBe(200);
    expect(internal.body.script.name).toBe(coworkingScript.name);
    expect(internal.body.sfc).toMatchObject({
      id: runId,
      status: 'queued',
      seed: 'fixed-seed',
      mapping: mapping(actors),
      chatIds: owned,
    });
    expect(internal.body.campaign).toMatchObject({
      id: campaignId,
      name: 'Hive Coworking',
      caps: { perAccountPerDay: 30 },
    });
    expect(internal.body.chats.map((c: { id: string }) => c.id)).toEqual(owned);
    expect(internal.body.chats[0]).toMatchObject({
      permission: 'owned',
      telegramId: expect.any(String),
      username: expect.any(String),
    });
    expect(internal.body.accounts.map((a: { id: string }) => a.id)).toEqual(actors);
    expect(internal.body.accounts[1]).toMatchObject({
      role: 'actor',
      status: 'active',
      username: 'demo_actor_2',
      telegramUserId: expect.any(String),
    });
  });

  it('refuses an account already playing in a run that has not ended, and deleting what the run uses', async () => {
    await refused({ scriptId, campaignId, mapping: mapping(actors) }, 'account_busy');
    expect((await h.api('DELETE', `/accounts/${actors[0]}`, { as: 'admin' })).status).toBe(409);
    expect((await h.api('DELETE', `/chats/${owned[0]}`, { as: 'admin' })).status).toBe(409);
    expect((await h.api('DELETE', `/campaigns/${campaignId}`, { as: 'operator' })).status).toBe(409);
    expect((await h.api('DELETE', `/scripts/${scriptId}`, { as: 'operator' })).status).toBe(409);
    const metrics = await (await fetch(`${h.admin.url}/metrics`)).text();
    expect(metrics).toMatch(/coolthing_admin_run_activations_total\{[^}]*outcome="activated"[^}]*\} 1/);
    expect(metrics).toMatch(/coolthing_admin_run_refusal_reasons_total\{[^}]*code="chat_permission_unknown"/);
  });

  it('publishes ScriptRunControl for pause, resume and stop, and refuses what makes no sense', async () => {
    probe.clear();
    expect((await h.api('POST', `/script-runs/${runId}/resume`, { as: 'operator' })).status).toBe(409);
    expect((await h.api('POST', `/script-runs/${runId}/pause`, { as: 'viewer' })).status).toBe(403);
    const paused = await h.api('POST', `/script-runs/${runId}/pause`, { as: 'operator' });
    expect(paused.body).toMatchObject({ status: 'paused', controlRequested: 'pause' });
    const resumed = await h.api('POST', `/script-runs/${runId}/resume`, { as: 'operator' });
    expect(resumed.body.status).toBe('queued');
    await waitFor(() => probe.of('ScriptRunControl').length === 2, { message: 'controls' });
    expect(probe.of('ScriptRunControl').map((g) => g.payload)).toEqual([
      { sfc_id: runId, action: 'pause', requested_by: 'test-operator' },
      { sfc_id: runId, action: 'resume', requested_by: 'test-operator' },
    ]);
  });

  it('follows the run through its events: started, progress, stall, recovery, finish', async () => {
    const worker = 'scripts-worker';
    const now = () => new Date().toISOString();
    await publishAs(h, worker, ScriptStarted, { sfc_id: runId, chats: [], started_at: now(), attempt: 1 });
    await waitFor(async () => (await h.api('GET', `/script-runs/${runId}`)).body.status === 'running', {
      message: 'running',
    });
    const line = {
      sfc_id: runId,
      chat_id: owned[0]!,
      line_no: 1,
      account_id: actors[0]!,
      telegram_message_id: 10,
      reply_to_message_id: null,
      planned_at: now(),
      sent_at: now(),
      text: 'Hello everyone!',
    };
    await publishAs(h, worker, ScriptLineSent, line);
    await publishAs(h, 'scripts-watcher', ScriptStalled, {
      sfc_id: runId,
      silent_for_seconds: 400,
      last_event_at: now(),
    });
    await waitFor(async () => (await h.api('GET', `/script-runs/${runId}`)).body.status === 'stalled', {
      message: 'stalled',
    });
    await publishAs(h, worker, ScriptLineSent, {
      ...line,
      line_no: 2,
      account_id: actors[1]!,
      telegram_message_id: 11,
    });
    await waitFor(async () => (await h.api('GET', `/script-runs/${runId}`)).body.linesSent === 2, {
      message: 'progress',
    });
    expect((await h.api('GET', `/script-runs/${runId}`)).body.status).toBe('running');
    expect((await h.api('GET', `/accounts/${actors[0]}`)).body.today.messagesSent).toBe(1);

    probe.clear();
    const stopped = await h.api('POST', `/script-runs/${runId}/stop`, { as: 'operator' });
    expect(stopped.body).toMatchObject({ status: 'stopped', finishedAt: null });
    await waitFor(() => probe.of('ScriptRunControl').length === 1, { message: 'stop control' });
    expect(probe.of('ScriptRunControl')[0]!.payload).toMatchObject({ action: 'stop' });
    expect((await h.api('POST', `/script-runs/${runId}/pause`, { as: 'operator' })).status).toBe(409);
    await publishAs(h, worker, ScriptFinished, {
      sfc_id: runId,
      status: 'stopped',
      finished_at: now(),
      problems: [],
    });
    await waitFor(async () => (await h.api('GET', `/script-runs/${runId}`)).body.finishedAt !== null, {
      message: 'finished',
    });
    // A late start (a redelivery) does not resurrect the run.
    await publishAs(h, worker, ScriptStarted, { sfc_id: runId, chats: [], started_at: now(), attempt: 2 });
    await sleep(200);
    expect((await h.api('GET', `/script-runs/${runId}`)).body.status).toBe('stopped');
  });

  it('records a run the scripts service rejected, and lists runs by campaign, script and status', async () => {
    const second = await activate({ scriptId, campaignId, mapping: mapping(actors), chatIds: [owned[1]] });
    expect(second.status).toBe(201);
    await publishAs(h, 'scripts', ScriptRunRejected, {
      sfc_id: second.body.id,
      problems: ['account 2 was banned meanwhile'],
    });
    await waitFor(
      async () => (await h.api('GET', `/script-runs/${second.body.id}`)).body.status === 'failed',
      { message: 'rejected' },
    );
    const run = (await h.api('GET', `/script-runs/${second.body.id}`, { as: 'viewer' })).body;
    expect(run.problems).toEqual([
      { chatId: null, reason: 'rejected', text: 'account 2 was banned meanwhile' },
    ]);
    expect(run.script.name).toBe('Coworking v2');

    const byStatus = (await h.api('GET', '/script-runs?status=failed', { as: 'viewer' })).body;
    expect(byStatus.items.map((r: { id: string }) => r.id)).toEqual([second.body.id]);
    const byCampaign = (await h.api('GET', `/script-runs?campaignId=${campaignId}&limit=1`, { as: 'viewer' }))
      .body;
    expect(byCampaign).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(byCampaign.items[0].id).toBe(second.body.id);
    const page2 = (await h.api('GET', `/script-runs?scriptId=${scriptId}&limit=1&offset=1`, { as: 'viewer' }))
      .body;
    expect(page2.items[0].id).toBe(runId);
    expect((await h.api('GET', '/script-runs?limit=101', { as: 'viewer' })).status).toBe(400);
    expect((await h.api('GET', `/script-runs?accountId=${actors[2]}`, { as: 'viewer' })).body.total).toBe(2);
  });
});
