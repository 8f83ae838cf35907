import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NewTargetMessage } from '@switchyard/contracts';
import type { WorkerHandle } from '@switchyard/kit';
import { startEmbedded, type EmbeddedSystem } from '@switchyard/runner';
import { waitFor } from '@switchyard/testing';
import { findEntry } from '../../registry';
import * as flows from './parser-mode-flows';
import {
  embeddedProbe,
  MANAGER_PHONES,
  PARSER_MODE_ENTRIES,
  ParserModeApi,
  parserModeEnv,
} from './parser-mode-harness';

describe('CoolThing Parser Mode in embedded mode (sandbox, inline account workers)', () => {
  let system: EmbeddedSystem;
  const probe = embeddedProbe();
  const ctx = { seen: probe.seen } as flows.FlowContext;
  const workers: WorkerHandle[] = [];

  beforeAll(async () => {
    const t0 = performance.now();
    system = await startEmbedded({
      entries: [...PARSER_MODE_ENTRIES.map(findEntry), probe.entry],
      ports: 'auto',
      env: parserModeEnv,
    });
    ctx.api = new ParserModeApi(system.gatewayUrl!);
    await ctx.api.login();
    const accounts = [];
    for (const phone of MANAGER_PHONES) accounts.push(await ctx.api.onboardManager(phone));
    ctx.accounts = accounts as flows.FlowContext['accounts'];
    // What the watchdog will do: one worker per manager account.
    for (const a of accounts)
      workers.push(
        await probe.state.workers!.start({
          service: 'coolthing/bot',
          name: `bot-${a.id}`,
          env: { ACCOUNT_ID: a.id },
        }),
      );
    ctx.publish = async (lead) => void (await probe.state.bus!.publish(NewTargetMessage, lead));
    ctx.startWorker = async (service, accountId) =>
      void (await probe.state.workers!.start({
        service,
        name: `${service}-${accountId}`,
        env: { ACCOUNT_ID: accountId },
      }));
    console.log(`embedded: parser mode ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  });
  afterAll(async () => system?.stop());

  it('runs one worker per manager account, each holding its session lease', async () => {
    expect(workers).toHaveLength(2);
    const accounts = await waitFor(async () => {
      const page = await ctx.api.admin('GET', '/accounts?role=manager');
      return page.items.length === 2 && page.items.every((a: { status: string }) => a.status === 'active')
        ? page.items
        : null;
    });
    expect(accounts.map((a: { id: string }) => a.id).sort()).toEqual(ctx.accounts.map((a) => a.id).sort());
  });
  it('auto mode: exactly one offer per lead, within the campaign cap', () =>
    flows.exactlyOneOfferWithinCaps(ctx));
  it('sends nothing outside the send window', () => flows.nothingOutsideTheWindow(ctx));
  it('review mode: nothing before approval, then the edited draft', () =>
    flows.reviewModeSendsTheApprovedDraft(ctx));
  it('an opt-out reply suppresses the user for every campaign', () => flows.optOutHoldsAcrossCampaigns(ctx));
  it('answers a question automatically, with the conversation in order', () =>
    flows.conversationInOrder(ctx));
  it('a member message in a watched chat becomes one lead and one offer (real parser worker)', () =>
    flows.memberMessageBecomesOneOffer(ctx));
  it('announces a lead in the admin chats through the notifier', () =>
    flows.leadNotificationReachesAdmins(ctx));
  it('keeps a DM from a stranger as a conversation without answering (the original crashed)', () =>
    flows.unknownDirectMessage(ctx));
});
