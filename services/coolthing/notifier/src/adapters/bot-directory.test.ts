import { describe, expect, it } from 'vitest';
import type { NotificationBot } from '../ports/bots';
import { AdminBotDirectory } from './admin-bots';
import { CompositeBotDirectory } from './bot-directory';
import { EnvBotDirectory } from './env-bots';
import type { JsonGetter } from './http';
import { SandboxBotDirectory } from './sandbox-bots';

const quiet = { warn: () => undefined };
const bot = (over: Partial<NotificationBot>): NotificationBot => ({
  id: 'b',
  name: 'b',
  token: '1:aaaaaaaaaa',
  adminChatIds: ['-1'],
  enabled: true,
  locale: null,
  source: 'env',
  ...over,
});
const getter = (answers: Record<string, unknown>): JsonGetter => ({
  get: async <T>(path: string) => {
    const data = answers[path];
    if (data instanceof Error) throw data;
    return { status: 200, data: data as T };
  },
});

describe('AdminBotDirectory', () => {
  it('reads the contract’s array and the admin’s { items } alike, tokens included', async () => {
    const item = { id: 'a1', name: 'Ops', token: '5:tok-tok-tok', adminChatIds: ['-100', -200] };
    for (const answer of [[item], { items: [item] }]) {
      const bots = await new AdminBotDirectory(getter({ '/internal/notification-bots': answer })).bots();
      expect(bots).toEqual([
        {
          id: 'a1',
          name: 'Ops',
          token: '5:tok-tok-tok',
          adminChatIds: ['-100', '-200'],
          enabled: true,
          locale: null,
          source: 'admin',
        },
      ]);
    }
    await expect(
      new AdminBotDirectory(getter({ '/internal/notification-bots': { nope: 1 } })).bots(),
    ).rejects.toThrow(/unexpected shape/);
  });
});

describe('EnvBotDirectory', () => {
  it('gives bots stable ids that do not contain the token', async () => {
    const [b] = await new EnvBotDirectory([
      { name: 'n', token: '123:secret-token-value', adminChatIds: ['-1'], enabled: true, locale: 'en' },
    ]).bots();
    expect(b!.id).toMatch(/^env-[0-9a-f]{12}$/);
    expect(b!.id).not.toContain('secret');
    expect(b!.locale).toBe('en');
  });
});

describe('SandboxBotDirectory', () => {
  it('finds the demo bot’s admin chats through the world API', async () => {
    const sandbox = getter({
      '/world/bots': {
        items: [
          { userId: '900', chats: ['-1', '-2'] },
          { userId: '901', chats: ['-3'] },
        ],
      },
      '/world/chats': {
        items: [
          { id: '-1', isAdminChat: true },
          { id: '-2', isAdminChat: false },
          { id: '-3', isAdminChat: true },
        ],
      },
    });
    const dir = new SandboxBotDirectory(sandbox, '8:demo-token', async () => ({ id: '900' }));
    expect(await dir.bots()).toEqual([
      expect.objectContaining({
        id: 'sandbox-demo',
        token: '8:demo-token',
        adminChatIds: ['-1'],
        source: 'sandbox',
      }),
    ]);
    expect(await new SandboxBotDirectory(sandbox, '8:x', async () => ({ id: '999' })).bots()).toEqual([]);
  });
});

describe('CompositeBotDirectory', () => {
  it('merges sources, the first source winning for a token, and drops disabled bots', async () => {
    const dir = new CompositeBotDirectory(
      [
        {
          name: 'admin',
          directory: {
            bots: async () => [
              bot({ id: 'a', token: '1:shared-token', source: 'admin' }),
              bot({ id: 'off', token: '3:zzzzzzzzzz', enabled: false }),
            ],
          },
        },
        {
          name: 'sandbox',
          directory: {
            bots: async () => [
              bot({ id: 's', token: '1:shared-token', source: 'sandbox' }),
              bot({ id: 's2', token: '2:other-token' }),
            ],
          },
        },
      ],
      0,
      quiet,
    );
    expect((await dir.bots()).map((b) => b.id)).toEqual(['a', 's2']);
  });

  it('keeps the last list of a failing source, and fails when a source never answered', async () => {
    let fail = false;
    let reads = 0;
    let now = 0;
    const flaky = {
      bots: async () => {
        reads++;
        if (fail) throw new Error('admin down');
        return [bot({ id: 'a' })];
      },
    };
    const dir = new CompositeBotDirectory([{ name: 'admin', directory: flaky }], 1000, quiet, () => now);
    expect((await dir.bots()).map((b) => b.id)).toEqual(['a']);
    fail = true;
    expect((await dir.bots()).map((b) => b.id)).toEqual(['a']);
    expect(reads).toBe(1);
    now = 2000;
    expect((await dir.bots()).map((b) => b.id)).toEqual(['a']);
    expect(reads).toBe(2);

    const never = new CompositeBotDirectory([{ name: 'admin', directory: flaky }], 0, quiet);
    await expect(never.bots()).rejects.toThrow(/cannot read notification bots from admin: admin down/);
  });
});
