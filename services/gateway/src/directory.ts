import { z } from '@switchyard/kit';

/** One service behind the gateway, as the runner (or a deployment) describes it. */
export const directoryEntry = z.object({
  name: z.string().min(1).max(60),
  system: z.string().max(40).optional(),
  title: z.string().max(100).default(''),
  /** Public prefix, for example `/api/cinema/films`. */
  path: z.string().regex(/^\/api\/[a-z0-9/-]+$/),
  /** Base URL the gateway forwards to. */
  url: z.string().url(),
});
export type DirectoryEntry = z.output<typeof directoryEntry>;

/** Parses GATEWAY_SERVICES (a JSON array) and orders prefixes longest first for matching. */
export function parseDirectory(raw: string): DirectoryEntry[] {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new Error('GATEWAY_SERVICES must be a JSON array of {name, system, title, path, url}');
  }
  return z
    .array(directoryEntry)
    .max(200)
    .parse(value)
    .sort((a, b) => b.path.length - a.path.length);
}

/** The entry whose prefix owns the path, and the path the service sees. */
export function resolveRoute(
  directory: DirectoryEntry[],
  path: string,
): { entry: DirectoryEntry; rest: string } | undefined {
  for (const entry of directory) {
    if (path === entry.path || path.startsWith(`${entry.path}/`)) {
      return { entry, rest: path.slice(entry.path.length) || '/' };
    }
  }
  return undefined;
}
