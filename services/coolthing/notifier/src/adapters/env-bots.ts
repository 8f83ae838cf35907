import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { EnvBotSchema } from '../config';
import type { BotDirectory, NotificationBot } from '../ports/bots';

/** Bots from `NOTIFIER_BOTS` (deployments without the admin service, or extra bots). */
export class EnvBotDirectory implements BotDirectory {
  private readonly list: NotificationBot[];

  constructor(bots: readonly z.output<typeof EnvBotSchema>[]) {
    this.list = bots.map((b) => ({
      // A stable id that does not reveal the token.
      id: b.id ?? `env-${createHash('sha256').update(b.token).digest('hex').slice(0, 12)}`,
      name: b.name,
      token: b.token,
      adminChatIds: b.adminChatIds,
      enabled: b.enabled,
      locale: b.locale ?? null,
      source: 'env',
    }));
  }

  async bots(): Promise<NotificationBot[]> {
    return this.list;
  }
}
