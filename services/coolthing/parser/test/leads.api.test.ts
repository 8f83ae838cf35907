import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '@switchyard/testing';
import { startParserHarness, waitFor, type ParserAccount, type ParserHarness } from './support';

/** A message of the scenario: who posts what, and the lead's keywords it should give (null: none). */
interface Special {
  who: string;
  text: string;
}

const PLUS = ['квартира', 'снять комнату', 'Apartment', 'rent a flat'];
const MINUS = ['посуточно', 'hostel'];

/** Per chat, the messages with (or nearly with) keywords, in the order they are posted. */
const SPECIALS: Special[][] = [
  [
    { who: 'anna', text: 'Ищу квартиру в центре, срочно' },
    { who: 'fedor', text: 'Ёжик… «КВАРТИРА» нужна—срочно!' },
    { who: 'kira', text: 'Квартира посуточно, недорого' },
    { who: 'anna', text: 'квартира ещё нужна, пишите' },
  ],
  [
    { who: 'boris', text: 'Кто сдаёт квартиры у метро?' },
    { who: 'galina', text: 'Снять комнату или квартиру?' },
    { who: 'lev', text: 'Комнату снять не получилось' },
    { who: 'oleg', text: 'нужна квартира' },
  ],
  [
    { who: 'chris', text: 'Хотим снять комнаты на лето' },
    { who: 'hanna', text: 'apartment, rent a flat — anything!' },
    { who: 'mark', text: 'Квартал красивый у вас' },
  ],
  [
    { who: 'dora', text: 'Looking for APARTMENTS downtown' },
    { who: 'igor', text: 'Сдаю квартиру посуточно' },
    { who: 'nina', text: 'rent a car, not a flat' },
    { who: 'oleg', text: 'квартира!!!' },
    { who: 'igor', text: 'Ищу квартиру на год' },
  ],
  [
    { who: 'emma', text: 'We are renting a flat near the park.' },
    { who: 'jack', text: 'Cheap apartment in a hostel' },
  ],
];

/** Who becomes a lead, once, with these keywords (and which message). */
const EXPECTED: Record<string, { keywords: string[]; text: string | null }> = {
  anna: { keywords: ['квартира'], text: 'Ищу квартиру в центре, срочно' },
  boris: { keywords: ['квартира'], text: 'Кто сдаёт квартиры у метро?' },
  chris: { keywords: ['снять комнату'], text: 'Хотим снять комнаты на лето' },
  dora: { keywords: ['Apartment'], text: 'Looking for APARTMENTS downtown' },
  emma: { keywords: ['rent a flat'], text: 'We are renting a flat near the park.' },
  fedor: { keywords: ['квартира'], text: 'Ёжик… «КВАРТИРА» нужна—срочно!' },
  galina: { keywords: ['квартира', 'снять комнату'], text: 'Снять комнату или квартиру?' },
  hanna: { keywords: ['Apartment', 'rent a flat'], text: 'apartment, rent a flat — anything!' },
  // Vetoed once, then a plain match: the veto is for the message, not the user.
  igor: { keywords: ['квартира'], text: 'Ищу квартиру на год' },
  // Twice in two chats, in whichever order they arrive: one lead.
  oleg: { keywords: ['квартира'], text: null },
};

const MESSAGES_PER_CHAT = 200;

describe('parser: leads from member messages in the sandbox', () => {
  let h: ParserHarness;
  let acc: ParserAccount;
  let manager: ParserAccount;
  let worker: Awaited<ReturnType<ParserHarness['worker']>>;
  let campaignId: string;
  let chats: any[];
  const users = new Map<string, { id: string; username: string | null }>();
  const bad: { privateChat: any; registryIds: string[] } = { privateChat: null, registryIds: [] };

  beforeAll(async () => {
    h = await startParserHarness();
    acc = await h.account('parser');
    // Another account of the system, known before the worker starts.
    manager = await h.account('manager');
    chats = [];
    for (let i = 1; i <= 5; i++)
      chats.push(
        await h.chat({
          username: `flats_chat_${i}`,
          title: `Flats ${i}`,
          members: 20,
          lang: i % 2 ? 'ru' : 'en',
        }),
      );
    bad.privateChat = await h.chat({ title: 'Closed club', isPrivate: true, members: 3 });
    const campaign = await h.campaign({
      chats: [
        ...chats.map((c) => ({ username: c.username })),
        { username: 'no_such_chat_here' },
        { telegramId: bad.privateChat.id, title: 'Closed club' },
      ],
      plus: PLUS,
      minus: MINUS,
    });
    campaignId = campaign.id;
    bad.registryIds = campaign.chatIds.slice(5);
    await h.assign(acc.id, campaignId);
    const whoChats = new Map<string, Set<string>>();
    SPECIALS.forEach((list, i) =>
      list.forEach((s) => whoChats.set(s.who, (whoChats.get(s.who) ?? new Set()).add(chats[i].id))),
    );
    for (const [who, inChats] of whoChats)
      users.set(
        who,
        await h.user({
          chatIds: [...inChats],
          // Boris has no username: still a lead (the original required one).
          username: who === 'boris' ? null : `u_${who}_${Math.random().toString(36).slice(2, 7)}`,
          firstName: who,
          ...(who === 'anna' ? { bio: 'Moving to the city in March' } : {}),
        }),
      );
    worker = await h.worker(acc.id);
    await h.watching(worker.running, 5);
  });
  afterAll(async () => h?.stop());

  it('reports the chats it cannot join, once each, and watches the others', async () => {
    const reports = await waitFor(() => (h.recorded.unavailable.length >= 2 ? h.recorded.unavailable : null));
    const byChat = new Map(reports.map((r) => [r.chat_id, r]));
    expect(byChat.get(bad.registryIds[0]!)).toMatchObject({
      account_id: acc.id,
      campaign_id: campaignId,
      target: '@no_such_chat_here',
      reason: 'bad_link',
      reason_text_en: 'bad link',
    });
    expect(byChat.get(bad.registryIds[1]!)).toMatchObject({
      target: bad.privateChat.id,
      reason: 'private_or_ban',
      chat_title: 'Closed club',
    });
    const status = await h.status(worker.running);
    expect(status).toMatchObject({ chatsWatched: 5, chatsUnavailable: 2, campaigns: 1 });
    // The account really is a member of the five chats, and of neither bad one.
    for (const chat of chats) {
      const members = await h.world('GET', `/world/chats/${chat.id}/members?limit=100`);
      expect(members.items.map((m: any) => m.id)).toContain(acc.telegramUserId);
    }
    const closed = await h.world('GET', `/world/chats/${bad.privateChat.id}/members?limit=100`);
    expect(closed.items.map((m: any) => m.id)).not.toContain(acc.telegramUserId);
  });

  it('1,000 member messages across 5 chats: exactly the expected leads, each once, with their keywords', async () => {
    const seenBefore = (await h.status(worker.running)).seen;
    await Promise.all(
      chats.map(async (chat, i) => {
        const members = (await h.world('GET', `/world/chats/${chat.id}/members?limit=100`)).items
          .map((m: any) => m.id)
          .filter((id: string) => id !== acc.telegramUserId && ![...users.values()].some((u) => u.id === id));
        const specials = SPECIALS[i]!;
        const at = new Map(
          specials.map((s, k) => [Math.floor(((k + 1) * MESSAGES_PER_CHAT) / (specials.length + 1)), s]),
        );
        for (let n = 0; n < MESSAGES_PER_CHAT; n++) {
          const special = at.get(n);
          if (special) await h.post(chat.id, users.get(special.who)!.id, special.text);
          else
            await h.post(
              chat.id,
              members[n % members.length],
              n % 2
                ? `Сообщение ${n}: обсуждаем погоду и новости района`
                : `Message ${n}: the weather is fine today`,
            );
        }
      }),
    );
    await waitFor(async () => (await h.status(worker.running)).seen - seenBefore >= 1000, {
      timeoutMs: 30_000,
      message: 'the worker seeing 1,000 messages',
    });
    await waitFor(() => h.recorded.leads.length >= Object.keys(EXPECTED).length, {
      timeoutMs: 15_000,
      message: 'the leads',
    });
    await sleep(800);
    const status = await h.status(worker.running);
    expect(status.seen - seenBefore).toBe(1000);
    const leads = h.recorded.leads;
    const whoOf = new Map([...users].map(([who, u]) => [u.id, who]));
    expect(leads.map((l) => whoOf.get(l.user_id)).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const lead of leads) {
      const who = whoOf.get(lead.user_id)!;
      const expected = EXPECTED[who]!;
      expect(lead.matched_keywords, who).toEqual(expected.keywords);
      if (expected.text) expect(lead.message, who).toBe(expected.text);
      expect(lead).toMatchObject({ worker_id: acc.id, campaign_id: campaignId });
      expect(chats.map((c) => c.id)).toContain(lead.chat_id);
    }
    const anna = leads.find((l) => whoOf.get(l.user_id) === 'anna')!;
    expect(anna).toMatchObject({
      username: users.get('anna')!.username,
      first_name: 'anna',
      bio: 'Moving to the city in March',
    });
    expect(anna.chat_title).toBe('Flats 1');
    expect(anna.language).toBe('ru');
    // sent_at is the message's own time, not a time fixed when the process started (original bug).
    expect(new Set(leads.map((l) => l.sent_at)).size).toBeGreaterThan(1);
    const boris = leads.find((l) => whoOf.get(l.user_id) === 'boris')!;
    expect(boris.username).toBeNull();
    // The claims are durable: one row per lead.
    const db = await h.db();
    const claims = await db
      .selectFrom('lead_claims')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .execute();
    expect(claims.map((c: any) => c.user_id).sort()).toEqual(leads.map((l) => l.user_id).sort());
    // The metrics count what happened.
    const metrics = await (await fetch(`${worker.running.url}/metrics`)).text();
    const metric = (name: string) =>
      Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(metrics)?.[1]);
    expect(metric('coolthing_parser_messages_seen_total')).toBe(1000 + seenBefore);
    expect(metric('coolthing_parser_leads_published_total')).toBe(leads.length);
    expect(metric('coolthing_parser_messages_vetoed_total')).toBe(3);
    expect(metric('coolthing_parser_match_duration_seconds_count')).toBe(1000);
  });

  it("ignores messages of the system's own accounts and of bots", async () => {
    const before = h.recorded.leads.length;
    const chat = chats[0]!;
    await h.world('POST', `/world/chats/${chat.id}/members`, { userId: manager.telegramUserId });
    const bot = await h.world('POST', '/world/bots', {
      username: 'flatfinderbot',
      token: '123456:abcdefghijkl',
    });
    await h.world('POST', `/world/chats/${chat.id}/members`, { userId: bot.userId });
    // The original listened to outgoing messages too: its own account's posts could be leads.
    await h.post(chat.id, acc.telegramUserId, 'Сдаётся квартира, пишите');
    await h.post(chat.id, manager.telegramUserId, 'Квартира в центре, пишите в личку');
    await h.post(chat.id, bot.userId, 'Новая квартира в каталоге');
    const later = await h.user({ chatIds: [chat.id], username: 'late_lead_user' });
    await h.post(chat.id, later.id, 'А квартира ещё свободна?');
    await waitFor(() => h.recorded.leads.find((l) => l.user_id === later.id), { message: 'the later lead' });
    await sleep(300);
    expect(h.recorded.leads.slice(before).map((l) => l.user_id)).toEqual([later.id]);
  });

  it('a restarted worker does not lead the same users again (dedup survives), and finds new ones', async () => {
    const before = h.recorded.leads.length;
    await worker.running.stop();
    const again = await h.worker(acc.id);
    await h.watching(again.running, 5);
    const anna = users.get('anna')!;
    await h.post(chats[0]!.id, anna.id, 'Квартира всё ещё нужна!');
    const fresh = await h.user({ chatIds: [chats[1]!.id], username: 'fresh_lead_user' });
    await h.post(chats[1]!.id, fresh.id, 'снять комнату на месяц');
    await waitFor(() => h.recorded.leads.find((l) => l.user_id === fresh.id), { message: 'the new lead' });
    await sleep(300);
    expect(h.recorded.leads.slice(before).map((l) => l.user_id)).toEqual([fresh.id]);
    expect(again.exits).toEqual([]);
    // One connection per worker: the chats were joined once, not per message.
    const accounts = await h.world('GET', '/world/accounts');
    const mine = accounts.items.find((a: any) => a.userId === acc.telegramUserId);
    expect(mine.signedInSessions).toBeLessThanOrEqual(3);
  });
});
