import { ServiceCallError } from '@switchyard/http';
import type { Logger } from '@switchyard/kit';
import { z } from 'zod';
import type { NameBook, NameRefs, RunNames } from '../domain/types';
import type { NameDirectory } from '../ports/names';
import type { JsonGetter } from './http';

const Names = z.object({
  runs: z.record(z.string(), z.object({ scriptName: z.string(), campaignName: z.string().nullable() })),
  campaigns: z.record(z.string(), z.string()),
  accounts: z.record(z.string(), z.string()),
  chats: z.record(z.string(), z.string()),
});

const Run = z.object({
  sfc: z.object({ scriptName: z.string() }),
  campaign: z.object({ name: z.string() }).nullable().optional(),
  chats: z.array(z.object({ id: z.string(), title: z.string().nullable() })).default([]),
  accounts: z
    .array(
      z.object({
        id: z.string(),
        username: z.string().nullable(),
        firstName: z.string().nullable(),
        lastName: z.string().nullable(),
      }),
    )
    .default([]),
});

type Kind = 'runs' | 'campaigns' | 'accounts' | 'chats';
type Value = RunNames | string;

/** How an account is called in messages: `@username`, else its names. */
export const accountName = (a: {
  username: string | null;
  firstName: string | null;
  lastName: string | null;
}): string | null =>
  a.username ? `@${a.username}` : [a.firstName, a.lastName].filter(Boolean).join(' ') || null;

/**
 * Names from the admin service: `GET /internal/names` for everything at once, or, from an
 * admin without it, each run through `GET /internal/script-runs/{id}`. Found names are kept for
 * `ttlMs`; a failing admin only means fewer names (a message is never held back for a name).
 */
export class AdminNameDirectory implements NameDirectory {
  private readonly cache = new Map<string, { at: number; value: Value | null }>();
  /** Until when the admin is taken to have no `/internal/names` (an older admin answered 404). */
  private namesMissingUntil = 0;

  constructor(
    private readonly admin: JsonGetter,
    private readonly ttlMs: number,
    private readonly log: Pick<Logger, 'warn'>,
    private readonly now: () => number = Date.now,
  ) {}

  async lookup(refs: Required<NameRefs>): Promise<NameBook> {
    const missing = (kind: Kind) => refs[kind].filter((id) => !this.fresh(kind, id));
    const wanted = {
      runs: missing('runs'),
      campaigns: missing('campaigns'),
      accounts: missing('accounts'),
      chats: missing('chats'),
    };
    if (Object.values(wanted).some((ids) => ids.length > 0)) {
      try {
        await this.fetch(wanted);
      } catch (err) {
        this.log.warn({ err: String(err) }, 'names lookup failed; the message uses fewer names');
      }
    }
    const get = <T extends Value>(kind: Kind, id: string) =>
      (this.cache.get(`${kind}:${id}`)?.value as T) ?? null;
    return {
      run: (id) => get<RunNames>('runs', id),
      campaign: (id) => get<string>('campaigns', id),
      account: (id) => get<string>('accounts', id),
      chat: (id) => get<string>('chats', id),
    };
  }

  private fresh(kind: Kind, id: string): boolean {
    const hit = this.cache.get(`${kind}:${id}`);
    return !!hit && this.now() - hit.at < this.ttlMs;
  }

  private put(kind: Kind, id: string, value: Value | null): void {
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(`${kind}:${id}`, { at: this.now(), value });
  }

  private async fetch(wanted: Record<Kind, string[]>): Promise<void> {
    if (this.now() >= this.namesMissingUntil) {
      try {
        const { data } = await this.admin.get<unknown>('/internal/names', {
          query: {
            runs: wanted.runs.join(',') || undefined,
            campaigns: wanted.campaigns.join(',') || undefined,
            accounts: wanted.accounts.join(',') || undefined,
            chats: wanted.chats.join(',') || undefined,
          },
        });
        const names = Names.parse(data);
        for (const id of wanted.runs) {
          const run = names.runs[id];
          this.put('runs', id, run ? { script: run.scriptName, campaign: run.campaignName } : null);
        }
        for (const kind of ['campaigns', 'accounts', 'chats'] as const)
          for (const id of wanted[kind]) this.put(kind, id, names[kind][id] ?? null);
        return;
      } catch (err) {
        if (!(err instanceof ServiceCallError && err.status === 404)) throw err;
        // An admin from before /internal/names: fall back to what its run endpoint tells.
        this.namesMissingUntil = this.now() + this.ttlMs;
      }
    }
    await Promise.all(wanted.runs.slice(0, 20).map((id) => this.fetchRun(id)));
  }

  private async fetchRun(sfcId: string): Promise<void> {
    try {
      const { data } = await this.admin.get<unknown>(`/internal/script-runs/${encodeURIComponent(sfcId)}`);
      const run = Run.parse(data);
      this.put('runs', sfcId, { script: run.sfc.scriptName, campaign: run.campaign?.name ?? null });
      for (const chat of run.chats) if (chat.title) this.put('chats', chat.id, chat.title);
      for (const a of run.accounts) this.put('accounts', a.id, accountName(a));
    } catch (err) {
      if (err instanceof ServiceCallError && err.status === 404) this.put('runs', sfcId, null);
      else throw err;
    }
  }
}
