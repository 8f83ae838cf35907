/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers of many services, read by tests */
import { expect } from 'vitest';
import { sleep, waitFor } from '@switchyard/testing';
import {
  MANAGER_PHONES,
  PARSER_MODE_ENTRIES,
  parserModeEnv,
  SCALE,
  type ParserModeApi,
} from './parser-mode-harness';

/** Parser Mode with the real parser workers, started by the real watchdog. */
export const PARSER_LEADS_ENTRIES = [...PARSER_MODE_ENTRIES, 'coolthing/watchdog'];

/** Workers and the watchdog fast enough for a test; the rest as Parser Mode's system tests run it. */
export const parserLeadsEnv: Record<string, string> = {
  ...parserModeEnv,
  PARSER_TIME_SCALE: String(SCALE),
  PARSER_LEASE_TTL_SECONDS: '3',
  PARSER_LEASE_WAIT_SECONDS: '20',
  PARSER_ASSIGNMENT_POLL_SECONDS: '0.5',
  PARSER_HEARTBEAT_SECONDS: '0.5',
  PARSER_JOIN_GAP_MS: '0',
  WATCHDOG_POLL_MS: '300',
  WATCHDOG_TICK_MS: '100',
  WORKER_RESTART_BACKOFF_MS: '300',
  WORKER_REPLACE_RETRY_MS: '500',
  WORKER_LEASE_RETRY_MS: '1000',
};

const KEYWORDS = {
  plus: ['коворкинг', 'снять офис', 'Office space', 'hot desk'],
  minus: ['бесплатно', 'vacancy'],
};

/** Who posts what, per chat, among the filler; only some of it should become leads. */
const SPECIALS: { who: string; text: string }[][] = [
  [
    { who: 'alice', text: 'Посоветуйте коворкинги в центре' },
    { who: 'victor', text: 'Коворкинг бесплатно раздают, кому надо?' },
    // Alice again in the same chat: still one lead, from her first message.
    { who: 'alice', text: 'Или где снять офис на двоих?' },
    { who: 'tom', text: 'Хочу снять офисы на Арбате' },
  ],
  [
    { who: 'bella', text: 'Looking for office spaces near the park' },
    { who: 'carl', text: 'Any HOT-DESK options around?' },
    { who: 'wendy', text: 'Office space vacancy at our firm' },
    { who: 'xena', text: 'The desk is hot, the office has no space' },
  ],
  [
    { who: 'dasha', text: 'В КОВОРКИНГЕ нет мест? Или снять офис?' },
    { who: 'yan', text: 'Офис снять не вышло' },
  ],
  [
    { who: 'frank', text: 'hot desks, office space, anything!' },
    { who: 'emil', text: 'Коворкинг рядом с метро есть?' },
    { who: 'zoe', text: 'Hot desk vacancy, apply now' },
  ],
  [
    { who: 'emil', text: 'нужен коворкинг, срочно' },
    { who: 'gleb', text: 'Ёлки, «КОВОРКИНГ» нужен — срочно!!! 🙏' },
    // Vetoed in chat 1, a plain match here: the veto is for a message, not for the user.
    { who: 'victor', text: 'А снять офис кто-нибудь помогает?' },
  ],
];

/** The leads the 1,000 messages must give: one per person, with these keywords (and message). */
const EXPECTED: Record<string, { keywords: string[]; message?: string }> = {
  alice: { keywords: ['коворкинг'], message: 'Посоветуйте коворкинги в центре' },
  bella: { keywords: ['Office space'], message: 'Looking for office spaces near the park' },
  carl: { keywords: ['hot desk'] },
  dasha: { keywords: ['коворкинг', 'снять офис'] },
  // Twice, in two chats, whichever comes first: one lead.
  emil: { keywords: ['коворкинг'] },
  frank: { keywords: ['Office space', 'hot desk'] },
  gleb: { keywords: ['коворкинг'] },
  tom: { keywords: ['снять офис'] },
  victor: { keywords: ['снять офис'], message: 'А снять офис кто-нибудь помогает?' },
};

const MESSAGES_PER_CHAT = 200;

const suffix = () => Math.random().toString(36).slice(2, 8);

export interface ParserAccountRef {
  id: string;
  telegramUserId: string;
  /** The sandbox's own id of the account (faults name it). */
  worldId: string;
}

export interface LeadsWorld {
  api: ParserModeApi;
  campaignId: string;
  chats: { id: string; username: string; registryId: string }[];
  parser: ParserAccountRef;
  manager: { id: string; telegramUserId: string };
  users: Map<string, { id: string }>;
}

/** A fresh sandbox account signed in through the admin's onboarding (phone, code). */
export async function onboardParser(api: ParserModeApi): Promise<ParserAccountRef> {
  const phone = `+7999${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const created = await api.world('POST', '/world/accounts', { phone, roleHint: 'parser' });
  const started = await api.admin('POST', '/accounts/onboarding', { phone, role: 'parser' }, 201);
  const codes = await waitFor(async () => {
    const c = await api.world('GET', `/world/codes?phone=${phone.slice(1)}`);
    return c.items.length ? c.items : null;
  });
  const step = await api.admin('POST', `/accounts/onboarding/${started.id}/code`, {
    code: codes.at(-1).code,
  });
  expect(step.status).toBe('signed_in');
  return { id: step.account.id, telegramUserId: step.account.telegramUserId, worldId: String(created.id) };
}

/** The watchdog's record of an account's worker, as its API shows it. */
export async function workerOf(api: ParserModeApi, accountId: string): Promise<any> {
  const page = await api.call('GET', '/coolthing/watchdog/workers?limit=100');
  return page.items.find((w: any) => w.accountId === accountId) ?? null;
}

/** Waits until the account is a member of every chat (its worker joined them). */
export async function joined(
  api: ParserModeApi,
  accountUserId: string,
  chatIds: string[],
  timeoutMs = 90_000,
) {
  await waitFor(
    async () => {
      for (const id of chatIds) {
        const members = await api.world('GET', `/world/chats/${id}/members?limit=500`);
        if (!members.items.some((m: any) => m.id === accountUserId)) return false;
      }
      return true;
    },
    { timeoutMs, intervalMs: 300, message: `account ${accountUserId} joining ${chatIds.length} chats` },
  );
}

/**
 * Five sandbox chats registered in the admin, a parser campaign over them with plus and minus
 * keywords (phrases among them), a parser account and a manager account on it; the watchdog
 * starts both workers and the parser joins the chats.
 */
export async function setUpLeadsWorld(api: ParserModeApi): Promise<LeadsWorld> {
  const run = suffix();
  const chats: LeadsWorld['chats'] = [];
  for (let i = 1; i <= 5; i++) {
    const chat = await api.world('POST', '/world/chats', {
      username: `cowork_${run}_${i}`,
      title: `Coworking ${i}`,
      members: 20,
      lang: i % 2 ? 'ru' : 'en',
    });
    const registered = await api.admin(
      'POST',
      '/chats',
      { username: chat.username, title: chat.title, permission: 'permitted' },
      201,
    );
    chats.push({ id: chat.id, username: chat.username, registryId: registered.id });
  }
  const campaignId = await api.campaign(`Leads ${run}`, {
    targetChatIds: chats.map((c) => c.registryId),
    plusKeywords: KEYWORDS.plus,
    minusKeywords: KEYWORDS.minus,
    languages: ['ru', 'en'],
    // Leads wait for an operator: this test is about what the parser finds.
    approvalMode: 'review',
  });
  const users = new Map<string, { id: string }>();
  const chatsOf = new Map<string, Set<string>>();
  SPECIALS.forEach((list, i) =>
    list.forEach((s) => chatsOf.set(s.who, (chatsOf.get(s.who) ?? new Set()).add(chats[i]!.id))),
  );
  for (const [who, inChats] of chatsOf)
    users.set(who, await api.user({ chatIds: [...inChats], firstName: who, username: `${who}_${run}` }));
  const parser = await onboardParser(api);
  await api.admin('PATCH', `/accounts/${parser.id}`, { campaignId });
  const manager = await api.onboardManager(MANAGER_PHONES[0]!);
  await api.assign(manager.id, campaignId);
  await joined(
    api,
    parser.telegramUserId,
    chats.map((c) => c.id),
  );
  return { api, campaignId, chats, parser, manager, users };
}

/** The campaign's leads, all of them. */
const leadsOf = async (api: ParserModeApi, campaignId: string): Promise<any[]> =>
  (await api.manager('GET', `/leads?campaignId=${campaignId}&limit=100`)).items;

/** Flow 1: 1,000 member messages, a known few matching: exactly the expected leads, each once. */
export async function thousandMessagesGiveTheExpectedLeads(w: LeadsWorld) {
  const { api } = w;
  const watchdogView = await workerOf(api, w.parser.id);
  expect(watchdogView).toMatchObject({ role: 'parser', service: 'coolthing/parser', status: 'running' });
  // The watchdog runs the manager account's worker as well (the offers' sender).
  expect(await workerOf(api, w.manager.id)).toMatchObject({ role: 'manager', service: 'coolthing/bot' });
  const specialIds = new Set([...w.users.values()].map((u) => u.id));
  await Promise.all(
    w.chats.map(async (chat, i) => {
      const members = (await api.world('GET', `/world/chats/${chat.id}/members?limit=500`)).items
        .map((m: any) => m.id as string)
        .filter((id: string) => id !== w.parser.telegramUserId && !specialIds.has(id));
      expect(members.length).toBeGreaterThan(5);
      const specials = SPECIALS[i]!;
      const at = new Map(
        specials.map((s, k) => [Math.floor(((k + 1) * MESSAGES_PER_CHAT) / (specials.length + 1)), s]),
      );
      // Filler goes out a few at a time; the special messages one by one, in their order.
      let filler: Promise<unknown>[] = [];
      for (let n = 0; n < MESSAGES_PER_CHAT; n++) {
        const special = at.get(n);
        if (special || filler.length >= 4) {
          await Promise.all(filler);
          filler = [];
        }
        if (special)
          await api.world('POST', `/world/chats/${chat.id}/messages`, {
            userId: w.users.get(special.who)!.id,
            text: special.text,
          });
        else
          filler.push(
            api.world('POST', `/world/chats/${chat.id}/messages`, {
              userId: members[n % members.length],
              text: n % 2 ? `Сообщение ${n}: погода и новости района` : `Message ${n}: lunch plans, anyone?`,
            }),
          );
      }
      await Promise.all(filler);
    }),
  );
  const whoOf = new Map([...w.users].map(([who, u]) => [u.id, who]));
  const expected = Object.keys(EXPECTED).sort();
  let last: any[] = [];
  await waitFor(
    async () => {
      last = await leadsOf(api, w.campaignId);
      // Drafted too (review mode: waiting for an operator), so the statuses below are settled.
      return last.length >= expected.length && last.every((l) => l.status !== 'new');
    },
    { timeoutMs: 90_000, intervalMs: 500, message: `${expected.length} leads` },
  ).catch((err: Error) => {
    throw new Error(`${err.message}; got ${last.map((l) => whoOf.get(l.user.id) ?? l.user.id).join(', ')}`);
  });
  // Time for a wrong extra lead or a second mention to arrive.
  await sleep(2000);
  const leads = await leadsOf(api, w.campaignId);
  expect(leads.map((l) => whoOf.get(l.user.id) ?? l.user.id).sort()).toEqual(expected);
  for (const lead of leads) {
    const who = whoOf.get(lead.user.id)!;
    expect(lead.matchedKeywords, who).toEqual(EXPECTED[who]!.keywords);
    if (EXPECTED[who]!.message) expect(lead.source.message, who).toBe(EXPECTED[who]!.message);
    // One NewTargetMessage per person: a second one would count as a second mention.
    expect(lead.mentions, who).toBe(1);
    expect(lead).toMatchObject({ origin: 'parser', campaignId: w.campaignId, status: 'in_review' });
    expect(lead.source.workerId).toBe(w.parser.id);
    expect(w.chats.map((c) => c.id)).toContain(lead.source.chatId);
    expect(lead.user.firstName).toBe(who);
  }
  // Each lead carries its message's own time (the original stamped events with the process start).
  expect(new Set(leads.map((l) => l.source.sentAt)).size).toBeGreaterThan(1);
  const alice = leads.find((l) => whoOf.get(l.user.id) === 'alice');
  expect(alice.source.chatTitle).toBe('Coworking 1');
  expect(alice.user.username).toBe(`alice_${w.chats[0]!.username.split('_')[1]}`);
}

/** What flow 2 set up, for its later checks. */
export interface BanState {
  adminChatId: string;
  botUserId: string;
  reserve: ParserAccountRef;
}

/** The account-banned messages our bot sent into the admin chat (the sandbox's record). */
async function banAlerts(api: ParserModeApi, ban: BanState): Promise<string[]> {
  const page = await api.world('GET', `/world/chats/${ban.adminChatId}/messages?limit=100`);
  return page.items
    .filter((m: any) => m.sender?.id === ban.botUserId && /Аккаунт заблокирован|Account banned/.test(m.text))
    .map((m: any) => m.text as string);
}

/**
 * Flow 2: the sandbox bans the active parser account. The watchdog marks it banned, hands the
 * campaign to the reserve account and starts its worker (leads keep coming).
 */
export async function banSwapsInTheReserve(w: LeadsWorld): Promise<BanState> {
  const { api } = w;
  const run = suffix();
  // The admin chat, the bot in it (sandbox) and the same bot as the system's notification bot.
  const adminChat = await api.world('POST', '/world/chats', {
    title: `Admins ${run}`,
    members: 2,
    lang: 'ru',
  });
  const token = `${7_000_000_000 + Math.floor(Math.random() * 1e8)}:leads-test-${run}-token`;
  const bot = await api.world('POST', '/world/bots', {
    username: `alerts_${run}_bot`,
    token,
    chatIds: [adminChat.id],
  });
  await api.admin(
    'POST',
    '/notification-bots',
    { name: `Alerts ${run}`, token, adminChatIds: [adminChat.id] },
    201,
  );
  const reserve = await onboardParser(api);
  await api.admin('PATCH', `/accounts/${reserve.id}`, { isReserve: true });
  expect((await api.admin('GET', `/accounts/${reserve.id}`)).campaignId).toBeNull();
  expect(await workerOf(api, reserve.id)).toBeNull();

  await api.world('POST', '/world/faults', { kind: 'account_banned', accountId: w.parser.worldId });
  // As on Telegram, the account's next call finds the ban: here, reading a new lead's profile.
  const trigger = await api.user({
    chatIds: [w.chats[0]!.id],
    firstName: 'Trigger',
    username: `trigger_${run}`,
  });
  await api.world('POST', `/world/chats/${w.chats[0]!.id}/messages`, {
    userId: trigger.id,
    text: 'Ищу коворкинг на неделю',
  });

  await waitFor(
    async () => {
      const a = await api.admin('GET', `/accounts/${w.parser.id}`);
      return a.status === 'banned' ? a : null;
    },
    { timeoutMs: 45_000, intervalMs: 300, message: 'the parser account marked banned' },
  );
  const took = await waitFor(
    async () => {
      const a = await api.admin('GET', `/accounts/${reserve.id}`);
      return a.campaignId === w.campaignId ? a : null;
    },
    { timeoutMs: 45_000, intervalMs: 300, message: 'the reserve account holding the campaign' },
  );
  expect(took).toMatchObject({ isReserve: false, status: 'active' });
  expect((await api.admin('GET', `/accounts/${w.parser.id}`)).campaignId).not.toBe(w.campaignId);
  await waitFor(
    async () => {
      const wk = await workerOf(api, reserve.id);
      return wk?.status === 'running' && wk.service === 'coolthing/parser';
    },
    { timeoutMs: 45_000, intervalMs: 300, message: "the reserve account's parser worker running" },
  );
  const old = await waitFor(
    async () => {
      const wk = await workerOf(api, w.parser.id);
      return wk?.status === 'banned' ? wk : null;
    },
    { timeoutMs: 45_000, intervalMs: 300, message: "the banned account's worker recorded as banned" },
  );
  expect(old.replacedBy).toBe(reserve.id);
  // The reserve joins the campaign's chats and finds a new lead there.
  await joined(
    api,
    reserve.telegramUserId,
    w.chats.map((c) => c.id),
  );
  const chat = w.chats[2]!;
  const newcomer = await api.user({ chatIds: [chat.id], firstName: 'Newcomer', username: `newcomer_${run}` });
  await api.world('POST', `/world/chats/${chat.id}/messages`, {
    userId: newcomer.id,
    text: 'Где можно снять офис на месяц?',
  });
  const lead = await api.waitLead(newcomer.id, () => true, w.campaignId, 30_000);
  expect(lead).toMatchObject({ matchedKeywords: ['снять офис'], mentions: 1 });
  expect(lead.source.workerId).toBe(reserve.id);
  // The message that revealed the ban still became a lead (without the bio it could not read).
  const triggered = await api.leadOf(trigger.id, w.campaignId);
  expect(triggered).toMatchObject({ matchedKeywords: ['коворкинг'], user: { bio: null } });
  expect(triggered.source.workerId).toBe(w.parser.id);
  return { adminChatId: adminChat.id, botUserId: bot.userId, reserve };
}

/** The notifier's account-banned message reaches the admin chat, sent by the bot (grammY on the Bot API), once. */
export async function adminsToldThroughTheBot(w: LeadsWorld, ban: BanState) {
  const [alert] = await waitFor(
    async () => ((await banAlerts(w.api, ban)).length ? banAlerts(w.api, ban) : null),
    {
      timeoutMs: 30_000,
      intervalMs: 300,
      message: 'the account-banned message in the admin chat',
    },
  );
  expect(alert).toMatch(/Аккаунт заблокирован/);
  // A real date (the original printed 01.01.1900).
  expect(alert).toMatch(/Время: \d{2}\.\d{2}\.20\d{2} \d{2}:\d{2}/);
  const name = (await w.api.admin('GET', `/accounts/${w.parser.id}`)).username;
  if (name) expect(alert).toContain(name);
  // Reported once: by the watchdog (the worker only tells the admin and exits).
  await sleep(1500);
  expect(await banAlerts(w.api, ban)).toHaveLength(1);
}

/**
 * The message says the reserve took over (admins must not read that the work stopped): the
 * watchdog publishes account.banned after the replacement, naming it. (A worker once published
 * its own with replaced_by null, and the watchdog stayed silent to keep it to one.)
 */
export async function alertNamesTheReplacement(w: LeadsWorld, ban: BanState) {
  const [alert] = await waitFor(
    async () => ((await banAlerts(w.api, ban)).length ? banAlerts(w.api, ban) : null),
    {
      timeoutMs: 30_000,
      intervalMs: 300,
      message: 'the account-banned message in the admin chat',
    },
  );
  expect(alert).not.toMatch(/Резервного аккаунта нет/);
  expect(alert).toMatch(/Замена: резервный аккаунт/);
}
