import type { Logger } from '@switchyard/kit';
import type { BotDirectory, NotificationBot } from '../ports/bots';

interface Source {
  name: string;
  directory: BotDirectory;
  last?: NotificationBot[];
}

/**
 * All sources together, read at most once per `ttlMs`. A source that fails keeps its last
 * known bots; one that never answered makes the call fail, so a delivery is retried instead
 * of being sent to fewer chats than configured. The same token from two sources is one bot
 * (the admin's settings win over the environment's, which win over the sandbox's).
 */
export class CompositeBotDirectory implements BotDirectory {
  private readonly sources: Source[];
  private cached: { at: number; bots: NotificationBot[] } | undefined;
  private loading: Promise<NotificationBot[]> | undefined;

  constructor(
    sources: { name: string; directory: BotDirectory }[],
    private readonly ttlMs: number,
    private readonly log: Pick<Logger, 'warn'>,
    private readonly now: () => number = Date.now,
  ) {
    this.sources = sources.map((s) => ({ ...s }));
  }

  async bots(): Promise<NotificationBot[]> {
    if (this.cached && this.now() - this.cached.at < this.ttlMs) return this.cached.bots;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** Forget the cached list (after a delivery found a bot missing, for example). */
  invalidate(): void {
    this.cached = undefined;
  }

  private async load(): Promise<NotificationBot[]> {
    const lists = await Promise.all(
      this.sources.map(async (s) => {
        try {
          s.last = await s.directory.bots();
          return s.last;
        } catch (err) {
          if (s.last) {
            this.log.warn(
              { source: s.name, err: String(err) },
              'notification bots source failed; using the last list',
            );
            return s.last;
          }
          throw new Error(`cannot read notification bots from ${s.name}: ${(err as Error).message}`, {
            cause: err,
          });
        }
      }),
    );
    const byToken = new Map<string, NotificationBot>();
    for (const bot of lists.flat()) if (!byToken.has(bot.token)) byToken.set(bot.token, bot);
    const bots = [...byToken.values()].filter((b) => b.enabled);
    this.cached = { at: this.now(), bots };
    return bots;
  }
}
