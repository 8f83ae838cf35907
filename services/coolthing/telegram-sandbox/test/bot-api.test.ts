import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from 'grammy';
import type { Message } from 'grammy/types';
import { waitFor } from '@switchyard/testing';
import { AccountBanned, FloodWait, WriteForbidden } from '@switchyard/telegram';
import { GrammyBotNotifier } from '@switchyard/telegram/bot';
import { startSandbox, type Sandbox } from './helpers';

const TOKEN = '123456789:sandbox-test-token_abcdef';

describe('Bot API subset', () => {
  let sandbox: Sandbox;
  let chatId: string;
  let adminId: string;
  let botUserId: string;

  beforeAll(async () => {
    sandbox = await startSandbox();
    const chat = await sandbox.api.post('/world/chats', {
      title: 'Admins',
      isPrivate: true,
      isAdminChat: true,
      members: 0,
    });
    chatId = chat.id;
    adminId = (
      await sandbox.api.post('/world/users', {
        username: 'admin_alice',
        persona: 'silent',
        chatIds: [chatId],
      })
    ).id;
    botUserId = (
      await sandbox.api.post('/world/bots', { username: 'test_notify_bot', token: TOKEN, chatIds: [chatId] })
    ).userId;
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it('runs an unmodified grammY bot: it sends to a chat and receives an update', async () => {
    const bot = new Bot(TOKEN, { client: { apiRoot: sandbox.url } });
    const received: Message[] = [];
    bot.on('message', (ctx) => {
      received.push(ctx.message);
    });
    await bot.api.setMyCommands([{ command: 'status', description: 'Show status' }]);
    expect(await bot.api.getMyCommands()).toEqual([{ command: 'status', description: 'Show status' }]);
    let onStart!: () => void;
    const polling = new Promise<void>((r) => (onStart = r));
    const started = bot.start({ timeout: 5, onStart: () => onStart() });
    await polling;
    expect(bot.botInfo.username).toBe('test_notify_bot');

    const sent = await bot.api.sendMessage(Number(chatId), 'Campaign "Spring" started');
    expect(sent.message_id).toBeGreaterThan(0);
    const { items } = await sandbox.api.get(`/world/chats/${chatId}/messages`);
    expect(items.at(-1)).toMatchObject({
      text: 'Campaign "Spring" started',
      sender: { id: botUserId, kind: 'bot' },
    });

    await sandbox.api.post(`/world/chats/${chatId}/messages`, {
      userId: adminId,
      text: '/status',
      replyTo: sent.message_id,
    });
    await waitFor(() => received.length > 0, { message: 'update delivered to the bot' });
    expect(received[0]).toMatchObject({
      text: '/status',
      chat: { id: Number(chatId), type: 'supergroup' },
      from: { id: Number(adminId), is_bot: false, username: 'admin_alice' },
      reply_to_message: { message_id: sent.message_id },
    });
    await bot.stop();
    await started;
  });

  it('refuses unknown tokens and bots outside the chat', async () => {
    const res = await fetch(`${sandbox.url}/bot999:not-a-registered-token/getMe`, { method: 'POST' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ ok: false, error_code: 401 });
    const outsider = new GrammyBotNotifier({ token: '999:not-a-registered-token', apiRoot: sandbox.url });
    await expect(outsider.me()).rejects.toBeInstanceOf(AccountBanned);
    const other = await sandbox.api.post('/world/chats', { title: 'Elsewhere', members: 1 });
    const notifier = new GrammyBotNotifier({ token: TOKEN, apiRoot: sandbox.url });
    await expect(notifier.sendMessage(other.id, 'hi')).rejects.toBeInstanceOf(WriteForbidden);
  });

  it('lets a bot answer users who wrote to it first, and only them', async () => {
    const notifier = new GrammyBotNotifier({ token: TOKEN, apiRoot: sandbox.url });
    const user = await sandbox.api.post('/world/users', { username: 'curious_carl', persona: 'silent' });
    await expect(notifier.sendMessage(user.id, 'unsolicited')).rejects.toBeInstanceOf(WriteForbidden);
    await sandbox.api.post(`/world/users/${user.id}/messages`, { to: botUserId, text: '/start' });
    const reply = await notifier.sendMessage(user.id, 'Hello! I post lead notifications.');
    expect(reply.messageId).toBeGreaterThan(0);
  });

  it('waits out short 429s with auto-retry and surfaces long ones as FloodWait', async () => {
    const notifier = new GrammyBotNotifier({ token: TOKEN, apiRoot: sandbox.url, maxRetryDelaySeconds: 5 });
    await sandbox.api.post('/world/faults', { kind: 'flood_wait', userId: botUserId, seconds: 1 });
    const started = Date.now();
    await notifier.sendMessage(chatId, 'after a short wait');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    await sandbox.api.post('/world/faults', { kind: 'flood_wait', userId: botUserId, seconds: 120 });
    const err = await notifier.sendMessage(chatId, 'too long a wait').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FloodWait);
    expect((err as FloodWait).seconds).toBe(120);
  });
});
