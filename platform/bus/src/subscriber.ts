import type { Kysely, Transaction } from 'kysely';
import type { HandlerContext, HandlerEntry, RetryPolicy, SubscriptionSpec } from './bus';
import { PermanentError } from './errors';
import type { EventDef, PayloadOf } from './define';
import { envelopeProblem, type Envelope } from './envelope';
import { deliveryTraceParent, withMessageSpan, type BusMetrics, type LoggerLike } from './observe';
import type { PublishMeta } from './outbox';
import type { BusTables } from './sql';
import type { Delivery, Disposition } from './transport';

export interface SubscriberSettings {
  queue: string;
  spec: SubscriptionSpec;
  policy: RetryPolicy;
  delays: number[];
  transportKind: string;
  log: LoggerLike;
  metrics: BusMetrics;
  db: Kysely<BusTables> | undefined;
}

/** What a handler's follow-up events go through: direct publish, or the outbox in its transaction. */
export interface Publishing {
  publish<E extends EventDef>(event: E, payload: PayloadOf<E>, meta: PublishMeta): Promise<unknown>;
  enqueue<E extends EventDef>(
    trx: Transaction<BusTables>,
    event: E,
    payload: PayloadOf<E>,
    meta: PublishMeta,
  ): Promise<unknown>;
  afterCommit(): void;
}

/**
 * The consuming side of one subscription: checks each delivery, runs its handler with
 * inbox deduplication, and decides ack, retry (with backoff) or dead letter. It runs for
 * every message, so it allocates as little as it can.
 */
export class Subscriber {
  private readonly byType: Map<string, HandlerEntry>;

  constructor(
    private readonly s: SubscriberSettings,
    private readonly out: Publishing,
  ) {
    this.byType = new Map(s.spec.handlers.map((h) => [h.event.type, h]));
  }

  /** Never rejects: a bug here must not become an endless redelivery loop. */
  async deliver(delivery: Delivery): Promise<Disposition> {
    const started = performance.now();
    try {
      return await this.process(delivery, started);
    } catch (err) {
      this.s.log.error({ queue: this.s.queue, err: String(err) }, 'delivery processing failed');
      if (delivery.attempt >= this.s.policy.attempts)
        return this.dead(delivery, String(err), 'unknown', started);
      return { kind: 'retry', delayMs: this.delayAfter(delivery.attempt) };
    }
  }

  private async process(delivery: Delivery, started: number): Promise<Disposition> {
    const { queue } = this.s;
    const parsed = parseEnvelope(delivery.body);
    if (typeof parsed === 'string')
      return this.dead(delivery, `malformed message: ${parsed}`, 'unknown', started);
    const envelope = parsed;
    const entry = this.byType.get(envelope.type);
    if (!entry)
      return this.dead(
        delivery,
        `no handler for event type ${envelope.type} on ${queue}`,
        envelope.type,
        started,
      );
    if (envelope.version !== entry.event.version) {
      const error = `unsupported version ${envelope.version} of ${envelope.type} (expected ${entry.event.version})`;
      return this.dead(delivery, error, envelope.type, started);
    }
    const payload = entry.event.schema.safeParse(envelope.payload);
    if (!payload.success) {
      const issues = payload.error.issues
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ');
      return this.dead(delivery, `invalid ${envelope.type} payload: ${issues}`, envelope.type, started);
    }

    try {
      const outcome = await withMessageSpan(
        `${queue} process`,
        'consumer',
        deliveryTraceParent(delivery.headers, envelope),
        {
          'messaging.system': this.s.transportKind,
          'messaging.destination.name': queue,
          'messaging.message.id': envelope.id,
          'messaging.operation': 'process',
        },
        () => this.run(entry, envelope, payload.data, delivery),
      );
      this.s.metrics.consumed(queue, envelope.type, outcome, (performance.now() - started) / 1000);
      return ACK;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof PermanentError || delivery.attempt >= this.s.policy.attempts) {
        return this.dead(delivery, message, envelope.type, started);
      }
      const delayMs = this.delayAfter(delivery.attempt);
      this.s.log.warn(
        {
          queue,
          messageId: envelope.id,
          type: envelope.type,
          attempt: delivery.attempt,
          delayMs,
          error: message,
        },
        'handler failed; will retry',
      );
      this.s.metrics.consumed(queue, envelope.type, 'retry', (performance.now() - started) / 1000);
      return { kind: 'retry', delayMs };
    }
  }

  private async run(
    entry: HandlerEntry,
    envelope: Envelope,
    payload: unknown,
    delivery: Delivery,
  ): Promise<'ack' | 'duplicate'> {
    const { db, queue, spec } = this.s;
    if (!db) {
      const ctx = new DeliveryContext(envelope, delivery, this.s.log, spec.name, this.out, undefined);
      await entry.handle(payload, ctx);
      ctx.committed();
      return 'ack';
    }
    if (spec.transactional ?? true) {
      let ctx: DeliveryContext | undefined;
      const handled = await db.transaction().execute(async (trx) => {
        if (!(await markHandled(trx, queue, envelope.id))) return false;
        ctx = new DeliveryContext(envelope, delivery, this.s.log, spec.name, this.out, trx);
        await entry.handle(payload, ctx);
        return true;
      });
      if (ctx?.enqueued) this.out.afterCommit();
      ctx?.committed();
      return handled ? 'ack' : 'duplicate';
    }
    const seen = await db
      .selectFrom('platform_inbox')
      .select('event_id')
      .where('subscription', '=', queue)
      .where('event_id', '=', envelope.id)
      .executeTakeFirst();
    if (seen) return 'duplicate';
    const ctx = new DeliveryContext(envelope, delivery, this.s.log, spec.name, this.out, undefined);
    await entry.handle(payload, ctx);
    await markHandled(db, queue, envelope.id);
    ctx.committed();
    return 'ack';
  }

  private delayAfter(attempt: number): number {
    return this.s.delays[attempt - 1] ?? this.s.policy.maxDelayMs;
  }

  private dead(delivery: Delivery, error: string, type: string, started: number): Disposition {
    this.s.log.error({ queue: this.s.queue, messageId: delivery.messageId, error }, 'message dead-lettered');
    this.s.metrics.consumed(this.s.queue, type, 'dead', (performance.now() - started) / 1000);
    return {
      kind: 'dead',
      failure: { error, attempts: delivery.attempt, failedAt: new Date().toISOString() },
    };
  }
}

const ACK: Disposition = Object.freeze({ kind: 'ack' });

/** The context one handler call gets; methods instead of per-message closures. */
class DeliveryContext implements HandlerContext {
  readonly attempt: number;
  readonly redelivered: boolean;
  enqueued = false;
  private onCommit: (() => void)[] | undefined;

  constructor(
    readonly envelope: Envelope,
    delivery: Delivery,
    readonly log: LoggerLike,
    private readonly subscription: string,
    private readonly out: Publishing,
    readonly trx: Transaction<BusTables> | undefined,
  ) {
    this.attempt = delivery.attempt;
    this.redelivered = delivery.redelivered;
  }

  tx<DB>(): Transaction<DB> {
    if (!this.trx)
      throw new Error(
        `subscription ${this.subscription} is not transactional: there is no transaction to use`,
      );
    return this.trx as unknown as Transaction<DB>;
  }

  async publish<E extends EventDef>(event: E, payload: PayloadOf<E>): Promise<void> {
    const meta = { correlationId: this.envelope.correlationId, causationId: this.envelope.id };
    if (this.trx) {
      await this.out.enqueue(this.trx, event, payload, meta);
      this.enqueued = true;
    } else {
      await this.out.publish(event, payload, meta);
    }
  }

  afterCommit(fn: () => void): void {
    (this.onCommit ??= []).push(fn);
  }

  /** Runs the afterCommit callbacks once the handler's work is durable; never throws. */
  committed(): void {
    const fns = this.onCommit;
    if (!fns) return;
    this.onCommit = undefined;
    for (const fn of fns) {
      try {
        fn();
      } catch (err) {
        this.log.error(
          { subscription: this.subscription, messageId: this.envelope.id, err: String(err) },
          'afterCommit callback failed',
        );
      }
    }
  }
}

async function markHandled(
  db: Kysely<BusTables> | Transaction<BusTables>,
  subscription: string,
  eventId: string,
): Promise<boolean> {
  const row = await db
    .insertInto('platform_inbox')
    .values({ subscription, event_id: eventId })
    .onConflict((oc) => oc.doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The envelope, or what is wrong with the message. */
function parseEnvelope(body: unknown): Envelope | string {
  let value: unknown = body;
  if (Buffer.isBuffer(body) || typeof body === 'string') {
    try {
      value = JSON.parse(body.toString());
    } catch (err) {
      return `not JSON (${(err as Error).message})`;
    }
  }
  return envelopeProblem(value) ?? (value as Envelope);
}
