import { defineRoute, jsonBody, platformFetch, z } from '@switchyard/kit';
import type { DirectoryEntry } from '../directory';

const ServiceStatus = z
  .object({
    name: z.string(),
    system: z.string().nullable(),
    title: z.string(),
    path: z.string(),
    url: z.string(),
    ready: z.boolean(),
    checks: z.record(z.string(), z.string()).optional(),
    openapi: z.string(),
    docs: z.string(),
  })
  .openapi('ServiceStatus');

/** Asks one service's /readyz, with a short deadline. */
export async function readiness(
  entry: DirectoryEntry,
): Promise<{ ready: boolean; checks?: Record<string, string> }> {
  try {
    const res = await platformFetch(`${entry.url.replace(/\/$/, '')}/readyz`, {
      signal: AbortSignal.timeout(1500),
    });
    const body = (await res.json().catch(() => ({}))) as { checks?: Record<string, string> };
    return { ready: res.ok, ...(body.checks ? { checks: body.checks } : {}) };
  } catch (err) {
    return { ready: false, checks: { reachable: (err as Error).message } };
  }
}

/** GET /api/system/services: every service with its system, URL, readiness and API documents. */
export const systemServices = (directory: () => DirectoryEntry[]) =>
  defineRoute(
    {
      method: 'get',
      path: '/api/system/services',
      tags: ['system'],
      summary: 'Every service behind the gateway, with readiness and OpenAPI links',
      responses: {
        200: jsonBody(
          z.object({ ready: z.boolean(), services: z.array(ServiceStatus) }),
          'Services and their readiness',
        ),
      },
    },
    async (c) => {
      const services = await Promise.all(
        [...directory()]
          .sort((a, b) => (a.system ?? '').localeCompare(b.system ?? '') || a.name.localeCompare(b.name))
          .map(async (e) => ({
            name: e.name,
            system: e.system ?? null,
            title: e.title,
            path: e.path,
            url: e.url,
            ...(await readiness(e)),
            openapi: `${e.path}/openapi.json`,
            docs: `${e.path}/docs`,
          })),
      );
      return c.json({ ready: services.every((s) => s.ready), services }, 200);
    },
  );
