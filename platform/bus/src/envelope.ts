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

/**
 * The envelope check on the consume path, written out by hand because it runs for every
 * delivery; `envelopeSchema` documents the same rules. Returns the problem, or null.
 */
export function envelopeProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return '(root): expected an object';
  const v = value as Record<string, unknown>;
  const text = (key: string, max: number, nullable = false): string | null => {
    const x = v[key];
    if (nullable && x === null) return null;
    if (typeof x !== 'string' || x.length === 0 || x.length > max)
      return `${key}: expected a string of 1 to ${max} characters`;
    return null;
  };
  return (
    text('id', 100) ??
    text('type', 200) ??
    (Number.isInteger(v.version) && (v.version as number) > 0
      ? null
      : 'version: expected a positive integer') ??
    text('occurredAt', 40) ??
    text('source', 100) ??
    text('correlationId', 100) ??
    (v.causationId === undefined
      ? 'causationId: expected a string or null'
      : text('causationId', 100, true)) ??
    (v.traceparent === undefined ? null : text('traceparent', 100)) ??
    (v.tracestate === undefined ? null : text('tracestate', 512)) ??
    (!('payload' in v) ? 'payload: required' : null)
  );
}

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
