import { InternalCampaignSchema } from '@switchyard/contracts/coolthing-admin';
import { ServiceCallError, type ServiceClient } from '@switchyard/http';
import { campaignOf, CampaignNotFound, type Campaign, type CampaignSource } from '../ports/campaigns';

/**
 * Campaigns from the admin's internal API, kept for `ttlMs` so a burst of leads costs one call;
 * concurrent reads of one campaign share the call in flight.
 */
export class AdminCampaigns implements CampaignSource {
  private readonly cache = new Map<string, { at: number; value: Promise<Campaign> }>();

  constructor(
    /** Resolved on first use, so the service starts even before the admin's URL matters. */
    private readonly client: () => ServiceClient,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(id: string): Promise<Campaign> {
    const hit = this.cache.get(id);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const value = this.fetch(id);
    this.cache.set(id, { at: this.now(), value });
    // A failure is not cached: the next read asks again.
    value.catch(() => {
      if (this.cache.get(id)?.value === value) this.cache.delete(id);
    });
    return value;
  }

  invalidate(id?: string): void {
    if (id) this.cache.delete(id);
    else this.cache.clear();
  }

  private async fetch(id: string): Promise<Campaign> {
    try {
      const res = await this.client().get(`/internal/campaigns/${encodeURIComponent(id)}`, {
        schema: InternalCampaignSchema,
      });
      return campaignOf(res.data);
    } catch (err) {
      if (err instanceof ServiceCallError && err.status === 404) throw new CampaignNotFound(id);
      throw err;
    }
  }
}
