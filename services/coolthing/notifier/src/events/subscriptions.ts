import {
  AccountBanned,
  AccountFloodWait,
  AlertDeliveryRequested,
  ChatSkipped,
  LeadOptedOut,
  NewTargetMessage,
  OutboundMessageFailed,
  ScriptCrashed,
  ScriptFinished,
  ScriptLineSkipped,
  ScriptLineUnconfirmed,
  ScriptRunRejected,
  ScriptStalled,
  ScriptStarted,
  ServiceCrashed,
  ServiceError,
} from '@switchyard/contracts';
import type { EventDef, HandlerContext, HandlerEntry, PayloadOf } from '@switchyard/bus';
import { on, type SubscriptionSpec } from '@switchyard/kit';
import type { AlertDelivery } from '../app/delivery';
import type { Infra } from '../app/deps';
import type { NotifierDB } from '../db';
import * as t from '../domain/templates';
import type { AlertTemplate } from '../domain/templates';
import { addToBurst } from '../repositories/bursts';

/**
 * Each event joins its burst in the transaction that marks it handled: fast, exactly once,
 * and nothing is lost if the notifier stops before the burst is sent. A payload that fails
 * its schema never reaches here: the platform dead-letters it.
 */
function record<E extends EventDef>(
  infra: Pick<Infra, 'settings' | 'clock'>,
  event: E,
  template: AlertTemplate<PayloadOf<E>>,
): HandlerEntry {
  return on(event, async (payload: PayloadOf<E>, ctx: HandlerContext) => {
    if (infra.settings.muted.has(template.type)) return;
    const occurredAt = new Date(ctx.envelope.occurredAt);
    await addToBurst(
      ctx.tx<NotifierDB>(),
      template.type,
      template.groupKey(payload),
      {
        eventId: ctx.envelope.id,
        occurredAt: Number.isNaN(occurredAt.getTime()) ? infra.clock() : occurredAt,
        source: ctx.envelope.source,
        payload,
      },
      infra.clock(),
    );
  });
}

/** System and script-run events on `events_exchange` (`*.crash`, `*.error`, `account.*`, `script.*`, `chat.skipped`). */
export function systemEventsSubscription(infra: Pick<Infra, 'settings' | 'clock'>): SubscriptionSpec {
  return {
    name: 'system-events',
    handlers: [
      record(infra, ServiceCrashed, t.serviceCrash),
      record(infra, ServiceError, t.serviceError),
      record(infra, AccountBanned, t.accountBanned),
      record(infra, AccountFloodWait, t.accountFloodWait),
      record(infra, ScriptStarted, t.scriptStarted),
      record(infra, ScriptFinished, t.scriptFinished),
      record(infra, ScriptCrashed, t.scriptCrashed),
      record(infra, ScriptStalled, t.scriptStalled),
      record(infra, ScriptLineSkipped, t.scriptLineSkipped),
      record(infra, ScriptLineUnconfirmed, t.scriptLineUnconfirmed),
      record(infra, ChatSkipped, t.chatSkipped),
    ],
  };
}

/** Activations the scripts service refused (`scripts_exchange`). */
export function scriptRunsSubscription(infra: Pick<Infra, 'settings' | 'clock'>): SubscriptionSpec {
  return { name: 'script-runs', handlers: [record(infra, ScriptRunRejected, t.scriptRejected)] };
}

/** Leads (`lead.*`, the original bot's notifications), opt-outs and failed private messages (`leads_exchange`). */
export function leadsSubscription(infra: Pick<Infra, 'settings' | 'clock'>): SubscriptionSpec {
  return {
    name: 'leads',
    handlers: [
      record(infra, NewTargetMessage, t.leadNew),
      record(infra, LeadOptedOut, t.leadOptedOut),
      record(infra, OutboundMessageFailed, t.deliveryFailed),
    ],
  };
}

/**
 * Delivery requests. Not transactional: it talks to Telegram. Retries with backoff come from
 * the bus; the last failure dead-letters the request (`notifier.deliveries.dlq`).
 */
export function deliveriesSubscription(
  delivery: AlertDelivery,
  retry: { attempts: number; initialDelayMs: number },
): SubscriptionSpec {
  return {
    name: 'deliveries',
    transactional: false,
    prefetch: 4,
    retry: {
      attempts: retry.attempts,
      initialDelayMs: retry.initialDelayMs,
      factor: 4,
      maxDelayMs: 10 * 60_000,
    },
    handlers: [on(AlertDeliveryRequested, (p, ctx) => delivery.deliver(p.alert_id, ctx.attempt))],
  };
}
