import { workerName as instanceName } from '@switchyard/workers';
import type { WorkerRole } from '../db';

/**
 * The worker's name for one attempt of one account: `parser-<account>-<n>` or
 * `bot-<account>-<n>`, a valid container name, DNS label and Job name, unique per attempt.
 */
export const workerName = (role: WorkerRole, accountId: string, attempt: number): string =>
  instanceName(role === 'parser' ? 'parser' : 'bot', accountId, attempt);
