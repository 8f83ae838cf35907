import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceError } from '@switchyard/contracts';
import { waitFor } from '@switchyard/testing';
import { expectTelegramHtml } from '../src/domain/templates/test-support';
import { readable, startHarness, type Harness } from './support';

describe('notifications and the alert log', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.stop());

  const delivered = (id: string) =>
    waitFor(
      async () => {
        const res = await h.api('GET', `/alerts/${id}`);
        return res.body.status === 'delivered' ? res.body : null;
      },
      { message: `alert ${id} delivered` },
    );

  it('POST /notifications delivers an operator’s text, escaped, and logs it', async () => {
    const text = 'Maintenance at 18:00 <b>not bold</b> & "quoted"';
    const res = await h.api('POST', '/notifications', {
      as: 'operator',
      body: { text, severity: 'warning' },
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`alerts/${res.body.id}`);
    expect(res.body).toMatchObject({
      type: 'custom',
      severity: 'warning',
      status: 'pending',
      createdBy: 'test-operator',
    });
    const alert = await delivered(res.body.id);
    expect(alert.deliveries).toHaveLength(2);
    const [ru] = await h.botMessages(h.ruChat);
    const [en] = await h.botMessages(h.enChat);
    expectTelegramHtml(ru!.text);
    expect(readable(ru!.text)).toBe(`⚠️ Сообщение оператора\n${text}`);
    expect(readable(en!.text)).toBe(`⚠️ Operator message\n${text}`);
    expect(alert.plain.en).toBe(`⚠️ Operator message\n${text}`);
  });

  it('sends to a chosen chat only, and refuses chats that are not admin chats', async () => {
    const before = (await h.messages(h.ruChat)).length;
    const res = await h.api('POST', '/notifications', {
      body: { text: 'English chat only', botId: 'test-bot', chatIds: [h.enChat] },
    });
    expect(res.status).toBe(202);
    const alert = await delivered(res.body.id);
    expect(alert.deliveries.map((d: { chatId: string }) => d.chatId)).toEqual([h.enChat]);
    expect((await h.messages(h.ruChat)).length).toBe(before);

    const stray = await h.api('POST', '/notifications', { body: { text: 'x', chatIds: ['-100999'] } });
    expect(stray.status).toBe(422);
    const unknownBot = await h.api('POST', '/notifications', { body: { text: 'x', botId: 'nope' } });
    expect(unknownBot.status).toBe(422);
  });

  it('validates input and requires a role that may notify', async () => {
    expect((await h.api('POST', '/notifications', { body: { text: '' } })).status).toBe(400);
    expect((await h.api('POST', '/notifications', { body: { text: 'x', severity: 'loud' } })).status).toBe(
      400,
    );
    expect((await h.api('POST', '/notifications', { body: { text: 'x'.repeat(3501) } })).status).toBe(400);
    expect((await h.api('POST', '/notifications', { body: { text: 'x', extra: 1 } })).status).toBe(400);
    expect((await h.api('POST', '/notifications', { as: null, body: { text: 'x' } })).status).toBe(401);
    expect((await h.api('POST', '/notifications', { as: 'viewer', body: { text: 'x' } })).status).toBe(403);
    expect((await h.api('POST', '/notifications', { as: 'user', body: { text: 'x' } })).status).toBe(403);
    expect((await h.api('GET', '/alerts', { as: null })).status).toBe(401);
    expect((await h.api('GET', '/alerts', { as: 'user' })).status).toBe(403);
    expect((await h.api('GET', '/alerts', { as: 'viewer' })).status).toBe(200);
    expect((await h.api('POST', '/alerts/x/ack', { as: 'viewer' })).status).toBe(403);
  });

  it('filters the log by type, severity and date range, newest first, with cursor pages', async () => {
    const first = await h.api('POST', '/notifications', {
      body: { text: 'critical one', severity: 'critical' },
    });
    await new Promise((r) => setTimeout(r, 30));
    const middle = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 30));
    await h.publish(ServiceError, { service: 'manager', message: 'LLM timed out' });
    const error = await waitFor(async () => (await h.api('GET', '/alerts?type=service.error')).body.items[0]);
    expect(error).toMatchObject({
      severity: 'error',
      plain: { en: expect.stringContaining('LLM timed out') },
    });

    const critical = await h.api('GET', '/alerts?severity=critical');
    expect(critical.body.items.map((a: { id: string }) => a.id)).toEqual([first.body.id]);
    const two = await h.api('GET', '/alerts?severity=critical,error');
    expect(two.body.items.map((a: { severity: string }) => a.severity)).toEqual(['error', 'critical']);
    const after = await h.api('GET', `/alerts?from=${encodeURIComponent(middle)}`);
    expect(after.body.items.map((a: { type: string }) => a.type)).toEqual(['service.error']);
    const before = await h.api('GET', `/alerts?to=${encodeURIComponent(middle)}`);
    expect(before.body.items.every((a: { createdAt: string }) => a.createdAt < middle)).toBe(true);
    expect(before.body.items.map((a: { id: string }) => a.id)).toContain(first.body.id);
    expect(
      (await h.api('GET', '/alerts?type=custom,service.error&severity=info')).body.items.length,
    ).toBeGreaterThan(0);
    expect((await h.api('GET', '/alerts?type=nonsense')).status).toBe(400);
    expect((await h.api('GET', '/alerts?from=yesterday')).status).toBe(400);

    const all = (await h.api('GET', '/alerts?limit=100')).body.items.map((a: { id: string }) => a.id);
    expect(all.length).toBeGreaterThanOrEqual(4);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await h.api(
        'GET',
        `/alerts?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.body.items.map((a) => a.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    expect((await h.api('GET', '/alerts?cursor=garbage')).status).toBe(400);
  });

  it('acknowledges an alert once, keeping who did it first', async () => {
    const res = await h.api('POST', '/notifications', { body: { text: 'ack me' } });
    const ack = await h.api('POST', `/alerts/${res.body.id}/ack`, { as: 'operator' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ acknowledgedBy: 'test-operator' });
    expect(ack.body.acknowledgedAt).toEqual(expect.any(String));
    const again = await h.api('POST', `/alerts/${res.body.id}/ack`, { as: 'admin' });
    expect(again.body.acknowledgedBy).toBe('test-operator');
    const open = await h.api('GET', '/alerts?acknowledged=false&limit=100');
    expect(open.body.items.map((a: { id: string }) => a.id)).not.toContain(res.body.id);
    const acked = await h.api('GET', '/alerts?acknowledged=true');
    expect(acked.body.items.map((a: { id: string }) => a.id)).toEqual([res.body.id]);
    expect((await h.api('POST', '/alerts/unknown/ack')).status).toBe(404);
    expect((await h.api('GET', '/alerts/unknown')).status).toBe(404);
  });

  it('shows where alerts go without tokens, and documents its API', async () => {
    const targets = await h.api('GET', '/targets', { as: 'admin' });
    expect(targets.body.items).toEqual([
      {
        botId: 'test-bot',
        name: 'Test bot',
        source: 'env',
        chats: [
          { chatId: h.ruChat, locale: 'ru' },
          { chatId: h.enChat, locale: 'en' },
        ],
      },
    ]);
    expect(JSON.stringify(targets.body)).not.toContain('notifier-test-token');
    const doc = await fetch(`${h.notifier.url}/openapi.json`);
    expect(doc.status).toBe(200);
    const paths = Object.keys(((await doc.json()) as { paths: object }).paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/notifications', '/alerts', '/alerts/{id}', '/alerts/{id}/ack']),
    );
    const metrics = await (await fetch(`${h.notifier.url}/metrics`)).text();
    expect(metrics).toMatch(/coolthing_alerts_total\{[^}]*type="custom"[^}]*severity="warning"[^}]*\} 1/);
    expect(metrics).toMatch(/coolthing_alert_deliveries_total\{[^}]*outcome="sent"[^}]*\} \d+/);
  });
});
