import { z } from 'zod';
import type { BotDirectory, NotificationBot } from '../ports/bots';
import type { JsonGetter } from './http';

const Bots = z.object({ items: z.array(z.object({ userId: z.string(), chats: z.array(z.string()) })) });
const Chats = z.object({ items: z.array(z.object({ id: z.string(), isAdminChat: z.boolean() })) });

/**
 * The sandbox's demo notification bot and the admin chats it is in, found through the
 * sandbox's world API: embedded mode and demos post somewhere visible with nothing configured.
 */
export class SandboxBotDirectory implements BotDirectory {
  private botUserId: string | undefined;

  constructor(
    private readonly sandbox: JsonGetter,
    private readonly token: string,
    /** Asks the Bot API who the token belongs to (getMe). */
    private readonly whoAmI: (token: string) => Promise<{ id: string }>,
  ) {}

  async bots(): Promise<NotificationBot[]> {
    this.botUserId ??= (await this.whoAmI(this.token)).id;
    const [bots, chats] = await Promise.all([
      this.sandbox.get<unknown>('/world/bots'),
      this.sandbox.get<unknown>('/world/chats'),
    ]);
    const me = Bots.parse(bots.data).items.find((b) => b.userId === this.botUserId);
    if (!me) return [];
    const adminChats = new Set(
      Chats.parse(chats.data)
        .items.filter((c) => c.isAdminChat)
        .map((c) => c.id),
    );
    const adminChatIds = me.chats.filter((id) => adminChats.has(id));
    if (adminChatIds.length === 0) return [];
    return [
      {
        id: 'sandbox-demo',
        name: 'Sandbox demo bot',
        token: this.token,
        adminChatIds,
        enabled: true,
        locale: null,
        source: 'sandbox',
      },
    ];
  }
}
