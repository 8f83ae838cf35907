import { defineEvent, defineExchange } from '@switchyard/bus';
import { z } from 'zod';

/**
 * System events every service may raise (seed 001: `{service}.error|crash|started` on
 * `events_exchange`); CoolThing's progress events travel on the same exchange.
 */
export const eventsExchange = defineExchange({ name: 'events_exchange', deadLetterExchange: 'events_dlx' });

export const ServiceStarted = defineEvent({
  type: 'service.started',
  exchange: eventsExchange,
  routingKey: { pattern: '*.started', of: (p: { service: string }) => `${p.service}.started` },
  schema: z.object({ service: z.string().min(1).max(60), instance: z.string().max(100) }),
});

export const ServiceCrashed = defineEvent({
  type: 'service.crashed',
  exchange: eventsExchange,
  routingKey: { pattern: '*.crash', of: (p: { service: string }) => `${p.service}.crash` },
  schema: z.object({ service: z.string().min(1).max(60), reason: z.string().max(2000) }),
});

export const ServiceError = defineEvent({
  type: 'service.error',
  exchange: eventsExchange,
  routingKey: { pattern: '*.error', of: (p: { service: string }) => `${p.service}.error` },
  schema: z.object({
    service: z.string().min(1).max(60),
    message: z.string().max(2000),
    context: z.record(z.string(), z.string()).optional(),
  }),
});
