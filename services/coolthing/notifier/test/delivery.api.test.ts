import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountBanned, ChatSkipped, NewTargetMessage, ScriptFinished } from '@switchyard/contracts';
import { waitFor } from '@switchyard/testing';
import { expectTelegramHtml } from '../src/domain/templates/test-support';
import { readable, startHarness, type Harness } from './support';

/** Events published on the bus reach the sandbox's admin chats through grammY on its Bot API. */
describe('events → admin chats (real sandbox, grammY)', () => {
  let h: Harness;
  const seen = { ru: 0, en: 0 };
  /** The next bot message(s) in each admin chat. */
  const next = async (count = 1) => {
    const ru = await h.botMessages(h.ruChat, seen.ru);
    const en = await h.botMessages(h.enChat, seen.en);
    seen.ru += ru.length;
    seen.en += en.length;
    expect(ru).toHaveLength(count);
    expect(en).toHaveLength(count);
    return { ru: ru.map((m) => m.text), en: en.map((m) => m.text) };
  };

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.stop());

  it('posts an account ban in Russian and English, per chat, and logs where it went', async () => {
    const eventId = await h.publish(AccountBanned, {
      worker_id: 'acc-1',
      comment: 'USER_DEACTIVATED_BAN',
      replaced_by: null,
    });
    const { ru, en } = await next();
    expectTelegramHtml(ru[0]!);
    expect(readable(ru[0]!)).toMatch(/^🚨 Аккаунт заблокирован\n.*\nПричина: USER_DEACTIVATED_BAN\n/);
    expect(readable(en[0]!)).toMatch(/^🚨 Account banned\n.*\nReason: USER_DEACTIVATED_BAN\n/);
    expect(readable(en[0]!)).toMatch(/At: \d\d [A-Z][a-z]{2} 20\d\d, \d\d:\d\d:\d\d UTC\+3$/);

    const list = await h.api('GET', '/alerts?type=account.banned&deliveries=true');
    const alert = list.body.items[0];
    expect(alert).toMatchObject({
      type: 'account.banned',
      severity: 'critical',
      status: 'delivered',
      eventsCount: 1,
      sourceEventIds: [eventId],
    });
    expect(alert.deliveries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ chatId: h.ruChat, locale: 'ru', status: 'sent', attempts: 1 }),
        expect.objectContaining({ chatId: h.enChat, locale: 'en', status: 'sent', attempts: 1 }),
      ]),
    );
    const ids = (await h.messages(h.enChat)).filter((m) => m.sender?.id === h.botUserId).map((m) => m.id);
    expect(ids).toContain(
      alert.deliveries.find((d: { chatId: string }) => d.chatId === h.enChat).telegramMessageId,
    );
  });

  it('turns a burst of 10 chat.skipped events into one message', async () => {
    const sfc = 'sfc-burst-1';
    for (let i = 1; i <= 10; i++)
      await h.publish(ChatSkipped, {
        sfc_id: sfc,
        chat_id: `chat-${i}`,
        chat_title: `Target chat ${i}`,
        on_line: i,
        reason: 'cannot_write',
        reason_text_en: 'cannot write',
        reason_text_ru: 'нельзя писать',
      });
    const { ru, en } = await next(1);
    expect(readable(en[0]!).split('\n')).toEqual([
      `⚠️ 10 chats skipped in run ${sfc}:`,
      ...Array.from({ length: 10 }, (_, i) => `• “Target chat ${i + 1}” — cannot write (at line ${i + 1})`),
    ]);
    expect(readable(ru[0]!)).toMatch(/^⚠️ Пропущено 10 чатов в запуске /);
    const { body } = await h.api('GET', '/alerts?type=chat.skipped');
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ eventsCount: 10, groupKey: sfc, status: 'delivered' });
    expect(body.items[0].sourceEventIds).toHaveLength(10);
    // Nothing else arrives later.
    await new Promise((r) => setTimeout(r, 800));
    expect((await h.messages(h.ruChat)).filter((m) => m.sender?.id === h.botUserId)).toHaveLength(seen.ru);
  });

  it('states success or failure of a finished run', async () => {
    await h.publish(ScriptFinished, {
      sfc_id: 'sfc-failed',
      status: 'failed',
      finished_at: '2025-03-25T11:03:07.000Z',
      problems: [
        { chat_id: null, reason: 'all_accounts_banned', text: 'every account of the run is banned' },
      ],
    });
    const { ru, en } = await next();
    expect(readable(en[0]!)).toContain('❌ Run failed\n');
    expect(readable(en[0]!)).toContain('Result: failure');
    expect(readable(en[0]!)).toContain('Finished: 25 Mar 2025, 14:03:07 UTC+3');
    expect(readable(ru[0]!)).toContain('Результат: неудача');
    expect(readable(ru[0]!)).toContain('Завершён: 25.03.2025 14:03:07 UTC+3');
  });

  it('escapes hostile lead text, and the consumer keeps working (the original’s bot died)', async () => {
    const hostile = '<b>FREE</b> </blockquote><a href="javascript:alert(1)">click</a> & <script>x</script> <';
    await h.publish(NewTargetMessage, {
      worker_id: 'parser-1',
      campaign_id: 'camp-1',
      chat_id: '-100500',
      chat_title: '<i>Kazan</i> & rent',
      message_id: 1,
      user_id: '42',
      username: 'lead_user',
      first_name: '</b>',
      last_name: null,
      message: hostile,
      matched_keywords: ['<flat>'],
      language: 'en',
      sent_at: new Date().toISOString(),
      bio: null,
    });
    const { ru, en } = await next();
    for (const text of [...ru, ...en]) {
      expectTelegramHtml(text);
      expect(readable(text)).toContain(hostile);
      expect(readable(text)).toContain('<i>Kazan</i> & rent');
    }
    expect(readable(en[0]!)).toContain('@lead_user (</b>) in “<i>Kazan</i> & rent” matched: <flat>');

    await h.publish(AccountBanned, { worker_id: 'acc-after', comment: 'still alive', replaced_by: null });
    expect(readable((await next()).en[0]!)).toContain('Reason: still alive');
  });

  it('dead-letters malformed events and keeps consuming', async () => {
    await h.publishRaw('events_exchange', 'account.banned', '{not json');
    await h.publishRaw(
      'events_exchange',
      'account.banned',
      JSON.stringify({
        id: 'bad-1',
        type: 'BotBanned',
        version: 1,
        occurredAt: new Date().toISOString(),
        source: 'test',
        correlationId: 'bad-1',
        causationId: null,
        payload: { worker_id: 42 },
      }),
    );
    await h.publish(AccountBanned, { worker_id: 'acc-ok', comment: 'after bad input', replaced_by: null });
    expect(readable((await next()).en[0]!)).toContain('Reason: after bad input');
    const dead = await waitFor(async () => {
      const res = await h.api('GET', '/admin/dead-letters?queue=notifier.system-events');
      const letters = res.body.queues[0].deadLetters;
      return letters.length >= 2 ? letters : null;
    });
    expect(dead.map((d: { failure: { error: string } }) => d.failure.error).join('\n')).toMatch(
      /malformed message[\s\S]*invalid BotBanned payload/,
    );
  });

  it('waits out a short 429 inside grammY, retries a long one through the bus, never posting twice', async () => {
    await h.world('POST', '/world/faults', { kind: 'flood_wait', userId: h.botUserId, seconds: 1 });
    await h.publish(AccountBanned, { worker_id: 'acc-429', comment: 'short flood', replaced_by: null });
    expect(readable((await next()).en[0]!)).toContain('short flood');

    await h.world('POST', '/world/faults', { kind: 'flood_wait', userId: h.botUserId, seconds: 600 });
    await h.publish(AccountBanned, { worker_id: 'acc-long', comment: 'long flood', replaced_by: null });
    const { ru, en } = await next();
    expect(readable(ru[0]!)).toContain('long flood');
    expect(readable(en[0]!)).toContain('long flood');
    const alert = await waitFor(async () => {
      const { body } = await h.api('GET', '/alerts?type=account.banned&limit=1&deliveries=true');
      return body.items[0].status === 'delivered' ? body.items[0] : null;
    });
    expect(alert.attempts).toBe(2);
    expect(alert.deliveries.map((d: { attempts: number }) => d.attempts).sort()).toEqual([1, 2]);
  });

  it('marks an alert failed and dead-letters it when the attempts run out, and a replay delivers it', async () => {
    const fault = await h.world('POST', '/world/faults', {
      kind: 'flood_wait',
      userId: h.botUserId,
      seconds: 600,
      times: 100,
    });
    await h.publish(AccountBanned, { worker_id: 'acc-dlq', comment: 'through the DLQ', replaced_by: null });
    const failed = await waitFor(
      async () => {
        const { body } = await h.api('GET', '/alerts?type=account.banned&status=failed&deliveries=true');
        return body.items[0] ?? null;
      },
      { message: 'alert marked failed' },
    );
    expect(failed.attempts).toBe(3);
    expect(failed.lastError).toMatch(/wait 600 s/);
    expect(failed.deliveries.every((d: { status: string }) => d.status === 'failed')).toBe(true);
    const dead = await waitFor(async () => {
      const res = await h.api('GET', '/admin/dead-letters?queue=notifier.deliveries');
      return res.body.queues[0].deadLetters[0] ?? null;
    });
    expect(dead.failure.attempts).toBe(3);

    await h.world('DELETE', `/world/faults/${fault.id}`);
    const replay = await h.api('POST', '/admin/dead-letters/replay', {
      body: { queue: 'notifier.deliveries' },
    });
    expect(replay.body.replayed).toBe(1);
    const { en } = await next();
    expect(readable(en[0]!)).toContain('through the DLQ');
    const { body } = await h.api('GET', `/alerts/${failed.id}`);
    expect(body.status).toBe('delivered');
  });
});
