import {
  AccountBanned,
  AccountFloodWait,
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
import { z } from 'zod';
import type { Html } from '../html';
import { renderAlert } from '../render';
import {
  maxSeverity,
  mergeRefs,
  SEVERITIES,
  type AlertEvent,
  type AlertType,
  type NameRefs,
  type Severity,
} from '../types';
import { accountBanned } from './account-banned';
import { accountFloodWait } from './account-flood-wait';
import { chatSkipped } from './chat-skipped';
import { custom } from './custom';
import { deliveryFailed } from './delivery-failed';
import { leadNew } from './lead-new';
import { leadOptedOut } from './lead-opted-out';
import { scriptCrashed } from './script-crashed';
import { scriptFinished } from './script-finished';
import { scriptLineSkipped } from './script-line-skipped';
import { scriptLineUnconfirmed } from './script-line-unconfirmed';
import { scriptRejected } from './script-rejected';
import { scriptStalled } from './script-stalled';
import { scriptStarted } from './script-started';
import { serviceCrash } from './service-crash';
import { serviceError } from './service-error';
import type { AlertTemplate, RenderContext } from './template';

/** Events of one burst, checked against their schema and ready to render. */
export interface Burst {
  severity: Severity;
  refs: Required<NameRefs>;
  /** Events that passed their schema (stored payloads from an older version may not). */
  events: number;
  render(total: number, r: RenderContext): Html;
}

export interface CatalogueEntry {
  type: AlertType;
  burst(events: readonly AlertEvent<unknown>[]): Burst;
}

function entry<P>(template: AlertTemplate<P>, schema: z.ZodType<P>): CatalogueEntry {
  return {
    type: template.type,
    burst(raw) {
      const events = raw.flatMap((e) => {
        const parsed = schema.safeParse(e.payload);
        return parsed.success ? [{ ...e, payload: parsed.data }] : [];
      });
      return {
        severity: maxSeverity(events.map((e) => template.severity(e.payload))),
        refs: mergeRefs(events.map((e) => template.refs(e.payload))),
        events: events.length,
        render: (total, r) => renderAlert(template, events, total, r),
      };
    },
  };
}

export const CustomSchema = z.object({
  text: z.string().min(1).max(4000),
  severity: z.enum(SEVERITIES),
  by: z.string().max(200),
});

/** Every alert type with its template and the schema its stored events are read back with. */
export const catalogue: Record<AlertType, CatalogueEntry> = {
  'service.crash': entry(serviceCrash, ServiceCrashed.schema),
  'service.error': entry(serviceError, ServiceError.schema),
  'account.banned': entry(accountBanned, AccountBanned.schema),
  'account.flood_wait': entry(accountFloodWait, AccountFloodWait.schema),
  'script.started': entry(scriptStarted, ScriptStarted.schema),
  'script.finished': entry(scriptFinished, ScriptFinished.schema),
  'script.crashed': entry(scriptCrashed, ScriptCrashed.schema),
  'script.stalled': entry(scriptStalled, ScriptStalled.schema),
  'script.rejected': entry(scriptRejected, ScriptRunRejected.schema),
  'script.line_skipped': entry(scriptLineSkipped, ScriptLineSkipped.schema),
  'script.line_unconfirmed': entry(scriptLineUnconfirmed, ScriptLineUnconfirmed.schema),
  'chat.skipped': entry(chatSkipped, ChatSkipped.schema),
  'lead.new': entry(leadNew, NewTargetMessage.schema),
  'lead.opted_out': entry(leadOptedOut, LeadOptedOut.schema),
  'delivery.failed': entry(deliveryFailed, OutboundMessageFailed.schema),
  custom: entry(custom, CustomSchema),
};

export {
  accountBanned,
  accountFloodWait,
  chatSkipped,
  custom,
  deliveryFailed,
  leadNew,
  leadOptedOut,
  scriptCrashed,
  scriptFinished,
  scriptLineSkipped,
  scriptLineUnconfirmed,
  scriptRejected,
  scriptStalled,
  scriptStarted,
  serviceCrash,
  serviceError,
};
export type { AlertTemplate, RenderContext };
