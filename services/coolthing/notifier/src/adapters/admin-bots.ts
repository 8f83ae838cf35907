import { z } from 'zod';
import type { BotDirectory, NotificationBot } from '../ports/bots';
import type { JsonGetter } from './http';

const Bot = z.object({
  id: z.string().min(1).max(64),
  name: z.string().max(200).default('notifications'),
  token: z.string().min(1).max(200),
  adminChatIds: z.array(z.union([z.string().max(64), z.number().int().transform(String)])).max(100),
  enabled: z.boolean().default(true),
});
// A bare array (the contract) or `{ items }` (the admin's list shape).
const Answer = z.union([z.array(Bot), z.object({ items: z.array(Bot) }).transform((a) => a.items)]);

/** Notification bots managed in the admin service (`GET /internal/notification-bots`, internal token). */
export class AdminBotDirectory implements BotDirectory {
  constructor(private readonly admin: JsonGetter) {}

  async bots(): Promise<NotificationBot[]> {
    const { data } = await this.admin.get<unknown>('/internal/notification-bots');
    const parsed = Answer.safeParse(data);
    if (!parsed.success) throw new Error('the admin answered notification bots in an unexpected shape');
    return parsed.data.map((b) => ({
      id: b.id,
      name: b.name,
      token: b.token,
      adminChatIds: b.adminChatIds,
      enabled: b.enabled,
      locale: null,
      source: 'admin' as const,
    }));
  }
}
