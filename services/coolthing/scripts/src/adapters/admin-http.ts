import { ServiceCallError, type ServiceClient } from '@switchyard/http';
import { sfcSnapshotSchema, type SfcSnapshot } from '../domain/snapshot';
import { AdminContractError, type AdminRuns } from '../ports/admin';

/** Admin's internal API over HTTP (the client sends the internal token and carries the breaker). */
export class HttpAdminRuns implements AdminRuns {
  constructor(private readonly client: ServiceClient) {}

  async scriptRun(sfcId: string): Promise<SfcSnapshot | null> {
    let data: unknown;
    try {
      data = (await this.client.get(`/internal/script-runs/${encodeURIComponent(sfcId)}`)).data;
    } catch (err) {
      if (err instanceof ServiceCallError && err.status === 404) return null;
      throw err;
    }
    const parsed = sfcSnapshotSchema.safeParse(data);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ');
      throw new AdminContractError(`admin answered an invalid run: ${issues}`);
    }
    return parsed.data;
  }
}
