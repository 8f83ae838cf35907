import { workerName as instanceName } from '@switchyard/workers';

/**
 * The worker's name for one attempt of one run: `scripts-worker-<run>-<attempt>`, a valid
 * container name, DNS label and Job name, unique per attempt.
 */
export const workerName = (runId: string, attempt: number): string =>
  instanceName('scripts-worker', runId, attempt);
