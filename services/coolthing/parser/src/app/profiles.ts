// Senders' bios for the lead, read once per user and cached. A lead never waits long for a bio:
// a slow or failing read gives the lead without one.
import { AccountBanned, FloodWait, type TelegramAccount } from '@switchyard/telegram';
import { ProfileCache } from '../domain/profile-cache';
import type { ParserInfra } from './deps';

export class ProfileReader {
  private readonly cache: ProfileCache<string | null>;
  /** Until when profile reads wait out a FloodWait (other calls of the account are not held up). */
  private quietUntil = 0;
  reads = 0;

  constructor(
    private readonly infra: ParserInfra,
    /** A read that finds the account banned (not every adapter raises an account event for it). */
    private readonly onBanned: (reason: string) => void,
  ) {
    const { config } = infra;
    this.cache = new ProfileCache(
      config.PARSER_PROFILE_CACHE_SIZE,
      config.PARSER_PROFILE_CACHE_SECONDS * 1000,
    );
  }

  async bio(account: TelegramAccount, userId: string): Promise<string | null> {
    const { infra } = this;
    const now = infra.clock().getTime();
    const hit = this.cache.get(userId, now);
    if (hit !== undefined) return hit;
    if (now < this.quietUntil) return null;
    let timer: NodeJS.Timeout | undefined;
    try {
      this.reads++;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error('profile read timed out')),
          infra.config.PARSER_PROFILE_TIMEOUT_MS,
        );
      });
      const profile = await Promise.race([account.getProfile(userId), timeout]);
      this.cache.set(userId, profile.bio, infra.clock().getTime());
      return profile.bio;
    } catch (err) {
      if (err instanceof AccountBanned) this.onBanned(err.rpcText ?? 'banned');
      if (err instanceof FloodWait)
        this.quietUntil = infra.clock().getTime() + (err.seconds * 1000) / infra.config.PARSER_TIME_SCALE;
      infra.log.debug({ userId, err: String(err) }, 'profile not read; the lead goes without a bio');
      return null;
    } finally {
      clearTimeout(timer);
    }
  }
}
