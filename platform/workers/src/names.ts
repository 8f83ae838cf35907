import { createHash } from 'node:crypto';

/**
 * A worker's name for one attempt: `<prefix>-<key>-<attempt>`, a valid container name, DNS
 * label and Job name (lowercase, at most 63 characters), unique per attempt so a new attempt
 * never collides with the remains of the last one. Keys that are not already lowercase
 * DNS-safe, or too long, get a short hash so two keys never share a name.
 */
export function workerName(prefix: string, key: string, attempt: number): string {
  let part = key
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const room = Math.max(8, 63 - prefix.length - String(attempt).length - 2);
  if (part.length > Math.min(36, room) || part !== key.toLowerCase()) {
    const hash = createHash('sha256').update(key).digest('hex').slice(0, 6);
    part = `${part.slice(0, Math.min(29, room - 7)).replace(/-+$/, '')}-${hash}`;
  }
  return `${prefix}-${part || 'worker'}-${attempt}`;
}
