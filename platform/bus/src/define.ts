import type { z } from 'zod';

/** A durable topic exchange and where its dead letters go. */
export interface ExchangeDef {
  readonly name: string;
  /** Direct exchange that receives this exchange's subscriptions' dead letters. */
  readonly deadLetterExchange: string;
  /** How long a dead letter is kept before the broker drops it (undefined: forever). */
  readonly deadLetterTtlMs?: number;
}

/** Declares an exchange once, in contracts; every publisher and subscriber refers to the same object. */
export function defineExchange(def: {
  name: string;
  deadLetterExchange?: string;
  deadLetterTtlMs?: number;
}): ExchangeDef {
  return Object.freeze({
    name: def.name,
    deadLetterExchange: def.deadLetterExchange ?? `${def.name}.dlx`,
    ...(def.deadLetterTtlMs === undefined ? {} : { deadLetterTtlMs: def.deadLetterTtlMs }),
  });
}

/** An event type: its name, version, exchange, routing key and payload schema. */
export interface EventDef<S extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly version: number;
  readonly exchange: ExchangeDef;
  readonly schema: S;
  /** Routing key for one payload (for example `lead.{campaign_id}`). */
  routingKey(payload: z.output<S>): string;
  /** Binding pattern that matches every routing key this event can have (for example `lead.*`). */
  readonly bindingPattern: string;
  readonly description?: string;
}

export type PayloadOf<E> = E extends EventDef<infer S> ? z.output<S> : never;

/**
 * Declares an event. `routingKey` is either a fixed key, or a function of the payload with
 * the `bindingPattern` that covers all its results.
 */
export function defineEvent<S extends z.ZodType>(def: {
  type: string;
  version?: number;
  exchange: ExchangeDef;
  schema: S;
  routingKey: string | { pattern: string; of: (payload: z.output<S>) => string };
  description?: string;
}): EventDef<S> {
  const rk = def.routingKey;
  return Object.freeze({
    type: def.type,
    version: def.version ?? 1,
    exchange: def.exchange,
    schema: def.schema,
    routingKey: typeof rk === 'string' ? () => rk : rk.of,
    bindingPattern: typeof rk === 'string' ? rk : rk.pattern,
    ...(def.description ? { description: def.description } : {}),
  });
}

/** True when an AMQP topic pattern (`*` one word, `#` zero or more words) matches a routing key. */
export function topicMatches(pattern: string, routingKey: string): boolean {
  if (pattern === routingKey || pattern === '#') return true;
  const p = pattern.split('.');
  const k = routingKey.split('.');
  const match = (pi: number, ki: number): boolean => {
    if (pi === p.length) return ki === k.length;
    const word = p[pi];
    if (word === '#') {
      for (let skip = ki; skip <= k.length; skip++) if (match(pi + 1, skip)) return true;
      return false;
    }
    if (ki === k.length) return false;
    return (word === '*' || word === k[ki]) && match(pi + 1, ki + 1);
  };
  return match(0, 0);
}
