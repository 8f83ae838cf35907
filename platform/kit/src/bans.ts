import { on, type SubscriptionSpec } from '@switchyard/bus';
import type { Cache } from '@switchyard/cache';
import { UserBanned, UserUnbanned } from '@switchyard/contracts/identity';
import type { BanList } from './http/auth';

/**
 * Users banned after their access token was issued. Identity publishes bans; every service
 * that verifies tokens keeps them in its cache (shared by its instances), so a banned user
 * is refused everywhere within moments instead of when the token expires.
 */
export class CacheBanList implements BanList {
  constructor(private readonly cache: Cache) {}

  async isBanned(userId: string): Promise<boolean> {
    return (await this.cache.get(`ban:${userId}`)) !== null;
  }

  subscription(): SubscriptionSpec {
    return {
      name: 'bans',
      // Setting or deleting a key is idempotent, so no inbox transaction is needed.
      transactional: false,
      handlers: [
        on(UserBanned, async ({ userId }) => this.cache.set(`ban:${userId}`, '1')),
        on(UserUnbanned, async ({ userId }) => this.cache.del(`ban:${userId}`)),
      ],
    };
  }
}
