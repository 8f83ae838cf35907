import { createHash } from 'node:crypto';

/**
 * The worker's name for one attempt of one run: a valid container name, DNS label and Job
 * name (lowercase, at most 63 characters), unique per attempt so a new attempt never
 * collides with the remains of the last one.
 */
export function workerName(runId: string, attempt: number): string {
  let part = runId
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (part.length > 36 || part !== runId.toLowerCase()) {
    const hash = createHash('sha256').update(runId).digest('hex').slice(0, 6);
    part = `${part.slice(0, 29).replace(/-+$/, '')}-${hash}`;
  }
  return `scripts-worker-${part || 'run'}-${attempt}`;
}
