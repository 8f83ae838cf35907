/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers of many services, read by tests */
import { expect } from 'vitest';
import type { PayloadOf } from '@switchyard/bus';
import type { NewTargetMessage } from '@switchyard/contracts';
import { sleep, waitFor } from '@switchyard/testing';
import { leadOf, type ParserModeApi, type SandboxUser, type Seen } from './parser-mode-harness';

export interface ManagerAccountRef {
  id: string;
  telegramUserId: string;
}

/** What every flow works with, in either mode. */
export interface FlowContext {
  api: ParserModeApi;
  /** Publishes a lead as the parser would (NewTargetMessage on leads_exchange). */
  publish(lead: PayloadOf<typeof NewTargetMessage>): Promise<void>;
  seen: Seen;
  /** Two demo manager accounts, signed in, each with its worker running. */
  accounts: [ManagerAccountRef, ManagerAccountRef];
  /** Starts an on-demand account worker (`coolthing/parser`, `coolthing/bot`), as the watchdog does. */
  startWorker(service: string, accountId: string): Promise<void>;
}

const textsTo = async (ctx: FlowContext, account: ManagerAccountRef, userId: string) =>
  (await ctx.api.dialog(account.telegramUserId, userId))
    .filter((m: any) => m.sender?.id === account.telegramUserId)
    .map((m: any) => m.text as string);

/** Auto mode with a campaign cap of 3 and 5 leads (one of them seen twice): exactly 3 offers, one each. */
export async function exactlyOneOfferWithinCaps(ctx: FlowContext) {
  const [a] = ctx.accounts;
  const campaignId = await ctx.api.campaign('Caps', {
    caps: { perAccountPerDay: 100, perCampaignPerDay: 3 },
  });
  await ctx.api.assign(a.id, campaignId);
  const users: SandboxUser[] = [];
  for (let i = 0; i < 5; i++) users.push(await ctx.api.user({ firstName: `Capped${i}` }));
  for (const u of users) await ctx.publish(leadOf(campaignId, u));
  await ctx.publish(leadOf(campaignId, users[0]!, { message: 'still looking for a coworking, anyone?' }));
  await waitFor(
    async () =>
      (await Promise.all(users.map((u) => textsTo(ctx, a, u.id)))).filter((t) => t.length > 0).length === 3,
    { timeoutMs: 60_000, intervalMs: 250, message: 'three offers in the sandbox' },
  );
  // Time for a fourth one to (wrongly) go out: two more offer gaps.
  await sleep(3500);
  const texts = await Promise.all(users.map((u) => textsTo(ctx, a, u.id)));
  expect(texts.filter((t) => t.length === 1)).toHaveLength(3);
  expect(texts.filter((t) => t.length === 0)).toHaveLength(2);
  for (const [i, t] of texts.entries()) if (t.length) expect(t[0]).toContain(`Capped${i}`);
  const leads = (await ctx.api.manager('GET', `/leads?campaignId=${campaignId}`)).items;
  expect(leads).toHaveLength(5);
  expect(leads.filter((l: any) => l.status === 'contacted')).toHaveLength(3);
  const waiting = leads.filter((l: any) => l.status === 'queued');
  expect(waiting).toHaveLength(2);
  for (const l of waiting)
    expect(l.schedule.waitReason).toMatch(/cap reached: new contacts per campaign per day \(3\)/);
  expect(leads.find((l: any) => l.user.id === users[0]!.id).mentions).toBe(2);
  const audit = await ctx.api.manager('GET', `/audit?campaignId=${campaignId}`);
  expect(audit.items).toHaveLength(3);
  for (const e of audit.items)
    expect(e).toMatchObject({ kind: 'offer', accountId: a.id, requestedBy: 'auto' });
}

/** A window that excludes now: the lead waits with the reason, nothing is sent. */
export async function nothingOutsideTheWindow(ctx: FlowContext) {
  const [a] = ctx.accounts;
  const hour = new Date().getUTCHours();
  const hh = (n: number) => `${String((hour + n) % 24).padStart(2, '0')}:00`;
  const campaignId = await ctx.api.campaign('Closed window', {
    schedule: { timezone: 'UTC', windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: hh(3), end: hh(4) }] },
  });
  await ctx.api.assign(a.id, campaignId);
  const user = await ctx.api.user();
  await ctx.publish(leadOf(campaignId, user));
  const lead = await ctx.api.waitLead(user.id, (l) =>
    /outside the send window/.test(l.schedule.waitReason ?? ''),
  );
  expect(lead.status).toBe('queued');
  expect(new Date(lead.schedule.scheduledFor).getUTCHours()).toBe((hour + 3) % 24);
  await sleep(3000);
  expect(await textsTo(ctx, a, user.id)).toEqual([]);
  expect((await ctx.api.leadOf(user.id)).status).toBe('queued');
}

/** Review mode: nothing before approval; the approved (edited) draft is what the user gets. */
export async function reviewModeSendsTheApprovedDraft(ctx: FlowContext) {
  const [a] = ctx.accounts;
  const campaignId = await ctx.api.campaign('Review', { approvalMode: 'review' });
  await ctx.api.assign(a.id, campaignId);
  const user = await ctx.api.user({ firstName: 'Reviewed' });
  await ctx.publish(leadOf(campaignId, user));
  const lead = await ctx.api.waitLead(user.id, (l) => l.status === 'in_review');
  expect(lead.draft.text).toContain('Reviewed');
  await sleep(2500);
  expect(await textsTo(ctx, a, user.id)).toEqual([]);
  const edited = `${lead.draft.text} (Edited by the operator.)`;
  await ctx.api.manager('POST', `/leads/${lead.id}/draft/approve`, { text: edited });
  await waitFor(async () => (await textsTo(ctx, a, user.id)).length === 1, {
    timeoutMs: 30_000,
    message: 'the approved offer',
  });
  expect(await textsTo(ctx, a, user.id)).toEqual([edited]);
  const done = await ctx.api.waitLead(user.id, (l) => l.status === 'contacted');
  expect(done.draft.reviewedBy).toEqual(expect.any(String));
}

/** A user answers "stop" to campaign 1: campaign 2 (another account) never writes to them. */
export async function optOutHoldsAcrossCampaigns(ctx: FlowContext) {
  const [a, b] = ctx.accounts;
  const first = await ctx.api.campaign('Opt-out one');
  const second = await ctx.api.campaign('Opt-out two');
  await ctx.api.assign(a.id, first);
  await ctx.api.assign(b.id, second);
  // This persona's first answer to any private message is an opt-out ("stop", "unsubscribe", ...).
  const user = await ctx.api.user({ persona: 'opt_out', firstName: 'Stopper' });
  await ctx.publish(leadOf(first, user));
  const optOut = await waitFor(() => ctx.seen.optOuts.find((o) => o.user_id === user.id), {
    timeoutMs: 30_000,
    message: 'the opt-out',
  });
  expect(optOut.account_id).toBe(a.id);
  await ctx.api.waitLead(user.id, (l) => l.status === 'opted_out', first);
  await ctx.publish(leadOf(second, user, { message: 'coworking recommendations please' }));
  const secondLead = await ctx.api.waitLead(user.id, (l) => l.status === 'opted_out', second);
  expect(secondLead.statusReason).toMatch(/do-not-contact/);
  await sleep(3000);
  // Account 1 sent the offer only (no answer to "stop"); account 2 never wrote.
  expect(await textsTo(ctx, a, user.id)).toHaveLength(1);
  expect(await textsTo(ctx, b, user.id)).toEqual([]);
  const list = await ctx.api.manager('GET', `/suppressions?source=opt_out&q=${user.id}`);
  expect(list.items[0]).toMatchObject({ userId: user.id, phrase: optOut.phrase });
}

/** A question gets an automatic answer; the conversation reads in order everywhere. */
export async function conversationInOrder(ctx: FlowContext) {
  const [a] = ctx.accounts;
  const campaignId = await ctx.api.campaign('Conversation');
  await ctx.api.assign(a.id, campaignId);
  const user = await ctx.api.user({ persona: 'question', firstName: 'Asker' });
  await ctx.publish(leadOf(campaignId, user));
  await waitFor(async () => (await ctx.api.dialog(a.telegramUserId, user.id)).length >= 3, {
    timeoutMs: 45_000,
    intervalMs: 250,
    message: 'offer, question, answer',
  });
  const dialog = await ctx.api.dialog(a.telegramUserId, user.id);
  const who = dialog.slice(0, 3).map((m: any) => (m.sender?.id === a.telegramUserId ? 'account' : 'user'));
  expect(who).toEqual(['account', 'user', 'account']);
  const lead = await ctx.api.waitLead(user.id, (l) => l.status === 'replied');
  const detail = await waitFor(async () => {
    const d = await ctx.api.manager('GET', `/leads/${lead.id}`);
    return d.conversation.length >= 3 ? d : null;
  });
  expect(detail.conversation.slice(0, 3).map((m: any) => m.text)).toEqual(
    dialog.slice(0, 3).map((m: any) => m.text),
  );
  expect(detail.conversation.slice(0, 3).map((m: any) => m.kind)).toEqual(['offer', 'inbound', 'reply']);
  const audit = await ctx.api.manager('GET', `/audit?leadId=${lead.id}`);
  const kinds: string[] = audit.items.map((e: any) => e.kind);
  expect(kinds.filter((k) => k === 'offer')).toHaveLength(1);
  // The simulated user may answer the answer (another question gets its own reply): never
  // more replies than the user's messages, each one an automatic answer.
  const replies = audit.items.filter((e: any) => e.kind === 'reply');
  expect(replies.length + 1).toBe(kinds.length);
  expect(replies.length).toBeGreaterThanOrEqual(1);
  for (const r of replies) expect(r.why).toMatch(/automatic answer/);
  const now = await ctx.api.manager('GET', `/leads/${lead.id}`);
  const inbound = now.conversation.filter((m: any) => m.kind === 'inbound').length;
  expect(replies.length).toBeLessThanOrEqual(inbound);
}

/** Someone writes to a manager account first: a conversation is kept, nobody answers automatically. */
export async function unknownDirectMessage(ctx: FlowContext) {
  const [, b] = ctx.accounts;
  const stranger = await ctx.api.user({ firstName: 'Stranger' });
  await ctx.api.world('POST', `/world/users/${stranger.id}/messages`, {
    to: b.telegramUserId,
    text: 'hi, who are you?',
  });
  const lead = await ctx.api.waitLead(stranger.id, (l) => l.origin === 'direct');
  expect(lead).toMatchObject({ campaignId: null, status: 'replied', autoReply: false, accountId: b.id });
  await sleep(2500);
  expect(await textsTo(ctx, b, stranger.id)).toEqual([]);
}

/** A lead is announced in the admin chats (the original bot's notification), through the notifier and the Bot API. */
export async function leadNotificationReachesAdmins(ctx: FlowContext) {
  // Review mode and no account: the lead only waits; the notification does not depend on sending.
  const campaignId = await ctx.api.campaign('Announced', { approvalMode: 'review' });
  const user = await ctx.api.user({ firstName: 'Announced' });
  const text = `Any coworking with a <quiet> room & good wifi? ${user.id}`;
  await ctx.publish(leadOf(campaignId, user, { message: text }));
  const alert = await waitFor(
    async () => {
      const page = await ctx.api.call(
        'GET',
        '/coolthing/notifier/alerts?type=lead.new&deliveries=true&limit=100',
      );
      return page.items.find((a: any) => a.plain.ru.includes(text) && a.status === 'delivered') ?? null;
    },
    { timeoutMs: 30_000, intervalMs: 250, message: 'the lead notification delivered' },
  );
  expect(alert.plain.ru).toContain('Announced');
  // User text is escaped in the Telegram HTML that went out.
  expect(alert.text.ru).toContain('&lt;quiet&gt; room &amp; good wifi');
  expect(alert.deliveries.length).toBeGreaterThan(0);
  for (const d of alert.deliveries)
    expect(d).toMatchObject({ status: 'sent', telegramMessageId: expect.any(Number) });
}

/**
 * The whole path with the real parser worker: a member's message in a watched chat becomes a
 * lead and exactly one offer (the member repeats it until the worker has joined: one lead
 * still); a message without the keywords is no lead.
 */
export async function memberMessageBecomesOneOffer(ctx: FlowContext) {
  const [a] = ctx.accounts;
  const campaignId = await ctx.api.campaign('Watched chat');
  await ctx.api.assign(a.id, campaignId);
  const chat = await ctx.api.world('POST', '/world/chats', {
    username: `watched_${Date.now().toString(36)}`,
    title: 'Coworking talk',
    lang: 'en',
    members: 0,
  });
  const registered = await ctx.api.admin(
    'POST',
    '/chats',
    { username: chat.username, permission: 'owned' },
    201,
  );
  await ctx.api.admin('PATCH', `/campaigns/${campaignId}`, { targetChatIds: [registered.id] });
  const parserId = await ctx.api.onboardParser(`+7999666${String(Date.now() % 10_000).padStart(4, '0')}`);
  await ctx.api.admin('PATCH', `/accounts/${parserId}`, { campaignId });
  await ctx.startWorker('coolthing/parser', parserId);
  const member = await ctx.api.user({ firstName: 'Member', chatIds: [chat.id], privacyRestricted: false });
  const chatter = await ctx.api.user({ firstName: 'Chatter', chatIds: [chat.id], privacyRestricted: false });
  const post = (userId: string, text: string) =>
    ctx.api.world('POST', `/world/chats/${chat.id}/messages`, { userId, text });
  // The worker joins after it reads its assignment; on a busy machine that can take a while.
  const lead = await waitFor(
    async () => {
      await post(chatter.id, 'Nice weather today, anyone up for a walk?');
      await post(member.id, 'Can anyone recommend a COWORKING space near the centre?!');
      return ctx.api.leadOf(member.id, campaignId);
    },
    { timeoutMs: 90_000, intervalMs: 500, message: 'the lead from the chat' },
  );
  expect(lead).toMatchObject({ matchedKeywords: ['coworking'], source: { chatTitle: 'Coworking talk' } });
  await waitFor(async () => (await textsTo(ctx, a, member.id)).length === 1, {
    timeoutMs: 30_000,
    message: 'the offer to the member',
  });
  await sleep(2500);
  expect(await textsTo(ctx, a, member.id)).toHaveLength(1);
  expect((await ctx.api.manager('GET', `/leads?campaignId=${campaignId}`)).items).toHaveLength(1);
  expect(await ctx.api.leadOf(chatter.id, campaignId)).toBeNull();
}
