// The dead-letter API of every long-running CoolThing service, reached through the typed clients
// with the operator's own token (each service checks the role itself). On-demand workers (parser,
// bot and scripts workers) are left out: they come and go, and their queues are also read by the
// service that replays them.
import { ServiceCallError, ServiceUnavailableError, type ServiceClient } from '@switchyard/http';
import { HttpProblem, z } from '@switchyard/kit';
import type { Context } from 'hono';

/** Short name (what the API takes) → registry id. */
export const DEAD_LETTER_SERVICES = {
  admin: 'coolthing/admin',
  scripts: 'coolthing/scripts',
  'scripts-watchdog': 'coolthing/scripts-watchdog',
  'scripts-watcher': 'coolthing/scripts-watcher',
  manager: 'coolthing/manager',
  notifier: 'coolthing/notifier',
  watchdog: 'coolthing/watchdog',
  'metrics-worker': 'coolthing/metrics-worker',
} as const;

export type DeadLetterService = keyof typeof DEAD_LETTER_SERVICES;
export const SERVICE_NAMES = Object.keys(DEAD_LETTER_SERVICES) as [DeadLetterService, ...DeadLetterService[]];
export const ServiceName = z.enum(SERVICE_NAMES);

export const DeadLetterSchema = z
  .object({
    messageId: z.string(),
    queue: z.string(),
    exchange: z.string(),
    routingKey: z.string(),
    body: z.string(),
    failure: z.object({ error: z.string(), attempts: z.number(), failedAt: z.string() }),
  })
  .openapi('ServiceDeadLetter');

export const QueuesSchema = z.object({
  queues: z.array(z.object({ queue: z.string(), deadLetters: z.array(DeadLetterSchema) })),
});

export interface Clients {
  for(target: string, options?: { timeoutMs?: number }): ServiceClient;
}

/** The client of a service, or null when this deployment does not run it. */
export function clientOf(clients: Clients, service: DeadLetterService): ServiceClient | null {
  try {
    return clients.for(DEAD_LETTER_SERVICES[service], { timeoutMs: 10_000 });
  } catch {
    return null;
  }
}

/** The operator's bearer token, passed on as it came. */
export const forwardedAuth = (c: Context): Record<string, string> => {
  const authorization = c.req.header('authorization');
  return authorization ? { authorization } : {};
};

/** A failed call as a problem of this API: the service's 4xx as it was, anything else 503. */
export function asProblem(service: string, err: unknown): HttpProblem {
  if (err instanceof ServiceCallError)
    return new HttpProblem(
      err.status,
      typeof err.problem?.title === 'string' ? err.problem.title : 'Error',
      `${service}: ${typeof err.problem?.detail === 'string' ? err.problem.detail : err.message}`,
    );
  if (err instanceof ServiceUnavailableError) return new HttpProblem(503, 'Service unavailable', err.message);
  return new HttpProblem(503, 'Service unavailable', `${service}: ${(err as Error).message}`.slice(0, 500));
}
