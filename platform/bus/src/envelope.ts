import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';

/** What travels on the bus: metadata around one event's payload. */
export interface Envelope<P = unknown> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  source: string;
  correlationId: string;
  causationId: string | null;
  /** W3C trace context of the publishing span. */
  traceparent?: string;
  tracestate?: string;
  payload: P;
}

export const envelopeSchema = z.object({
  id: z.string().min(1).max(100),
  type: z.string().min(1).max(200),
  version: z.number().int().positive(),
  occurredAt: z.string().min(1).max(40),
  source: z.string().min(1).max(100),
  correlationId: z.string().min(1).max(100),
  causationId: z.string().max(100).nullable(),
  traceparent: z.string().max(100).optional(),
  tracestate: z.string().max(512).optional(),
  payload: z.unknown(),
});

export const newId = (): string => uuidv7();

/** Builds an envelope; the id doubles as correlation id when none is inherited. */
export function createEnvelope<P>(args: {
  type: string;
  version: number;
  source: string;
  payload: P;
  id?: string;
  correlationId?: string;
  causationId?: string | null;
  now?: Date;
}): Envelope<P> {
  const id = args.id ?? newId();
  return {
    id,
    type: args.type,
    version: args.version,
    occurredAt: (args.now ?? new Date()).toISOString(),
    source: args.source,
    correlationId: args.correlationId ?? id,
    causationId: args.causationId ?? null,
    payload: args.payload,
  };
}
