import { defineEvent, defineExchange } from '@switchyard/bus';
import { z } from 'zod';
import { eventsExchange } from './platform';

/**
 * CoolThing's messages (coolthing.md "Message flow and events", seed 001). Exchange, routing
 * key and dead-letter names are the seeds' where they give them.
 */
export const scriptsExchange = defineExchange({
  name: 'scripts_exchange',
  deadLetterExchange: 'scripts_dlx',
  deadLetterTtlMs: 24 * 60 * 60 * 1000,
});

export const leadsExchange = defineExchange({
  name: 'leads_exchange',
  deadLetterExchange: 'leads_dlx',
  deadLetterTtlMs: 60 * 60 * 1000,
});

const id = z.string().min(1).max(64);
const at = z.string().min(1).max(40);

/** admin → scripts: a script was activated for a campaign (the seed's SFC). */
export const NewActiveScript = defineEvent({
  type: 'NewActiveScript',
  exchange: scriptsExchange,
  routingKey: 'admin.script_created',
  schema: z.object({ script_for_campaign_id: id }),
});

/** scripts → scripts-watchdog: the run plan is stored; start a worker for it. */
export const ScriptRunPlanned = defineEvent({
  type: 'ScriptRunPlanned',
  exchange: scriptsExchange,
  routingKey: 'scripts.run_planned',
  schema: z.object({ sfc_id: id, chats: z.number().int().min(1), lines: z.number().int().min(1) }),
});

/** scripts → admin, watcher, notifier: the activation was refused after all (accounts changed meanwhile). */
export const ScriptRunRejected = defineEvent({
  type: 'ScriptRunRejected',
  exchange: scriptsExchange,
  routingKey: 'scripts.run_rejected',
  schema: z.object({ sfc_id: id, problems: z.array(z.string().max(500)).max(100) }),
});

/** admin → scripts-worker (through watchdog routing): stop, pause or resume a run. */
export const ScriptRunControl = defineEvent({
  type: 'ScriptRunControl',
  exchange: scriptsExchange,
  routingKey: { pattern: 'scripts.control.*', of: (p: { action: string }) => `scripts.control.${p.action}` },
  schema: z.object({ sfc_id: id, action: z.enum(['stop', 'pause', 'resume']), requested_by: z.string().max(64) }),
});

const chatRef = z.object({ chat_id: id, title: z.string().max(256).nullable() });

/** scripts-worker → watcher, notifier, metrics: progress of a run (`script.*` on events_exchange). */
export const ScriptStarted = defineEvent({
  type: 'ScriptStarted',
  exchange: eventsExchange,
  routingKey: 'script.started',
  schema: z.object({ sfc_id: id, chats: z.array(chatRef).max(500), started_at: at, attempt: z.number().int().min(1) }),
});

export const ScriptLineSent = defineEvent({
  type: 'ScriptLineSent',
  exchange: eventsExchange,
  routingKey: 'script.line_sent',
  schema: z.object({
    sfc_id: id,
    chat_id: id,
    line_no: z.number().int().min(1),
    account_id: id,
    telegram_message_id: z.number().int(),
    reply_to_message_id: z.number().int().nullable(),
    planned_at: at,
    sent_at: at,
    text: z.string().max(4096),
  }),
});

export const ChatSkipped = defineEvent({
  type: 'ChatSkipped',
  exchange: eventsExchange,
  routingKey: 'chat.skipped',
  schema: z.object({
    sfc_id: id,
    chat_id: id,
    chat_title: z.string().max(256).nullable(),
    on_line: z.number().int().min(1).nullable(),
    /** Machine reason (`cannot_write`, `private_or_ban`, ...) and readable texts. */
    reason: z.string().max(64),
    reason_text_en: z.string().max(500),
    reason_text_ru: z.string().max(500),
  }),
});

export const ScriptEngagement = defineEvent({
  type: 'ScriptEngagement',
  exchange: eventsExchange,
  routingKey: 'script.engagement',
  schema: z.object({
    sfc_id: id,
    chat_id: id,
    kind: z.enum(['reply', 'message', 'reaction']),
    member_id: id,
    telegram_message_id: z.number().int().nullable(),
    reply_to_line_no: z.number().int().nullable(),
    at,
  }),
});

export const ScriptFinished = defineEvent({
  type: 'ScriptFinished',
  exchange: eventsExchange,
  routingKey: 'script.finished',
  schema: z.object({
    sfc_id: id,
    status: z.enum(['done', 'stopped', 'failed']),
    finished_at: at,
    problems: z.array(z.object({ chat_id: id.nullable(), reason: z.string().max(64), text: z.string().max(500) })).max(500),
  }),
});

export const ScriptCrashed = defineEvent({
  type: 'ScriptCrashed',
  exchange: eventsExchange,
  routingKey: 'script.crashed',
  schema: z.object({ sfc_id: id, reason: z.string().max(2000), restarts: z.number().int().min(0) }),
});

/** scripts-watcher: no progress within max delay + grace. */
export const ScriptStalled = defineEvent({
  type: 'ScriptStalled',
  exchange: eventsExchange,
  routingKey: 'script.stalled',
  schema: z.object({ sfc_id: id, silent_for_seconds: z.number().int().min(0), last_event_at: at.nullable() }),
});

/** Any service that sees an account banned (the seed's BotBanned). */
export const AccountBanned = defineEvent({
  type: 'BotBanned',
  exchange: eventsExchange,
  routingKey: 'account.banned',
  schema: z.object({ worker_id: id, comment: z.string().max(500), replaced_by: id.nullable().default(null) }),
});

/** An account hit a long FloodWait: paused until `until`. */
export const AccountFloodWait = defineEvent({
  type: 'AccountFloodWait',
  exchange: eventsExchange,
  routingKey: 'account.flood_wait',
  schema: z.object({ account_id: id, seconds: z.number().int().min(0), until: at }),
});

/** parser → manager (`lead.*`), bot and notifier: a chat message matched a campaign's keywords. */
export const NewTargetMessage = defineEvent({
  type: 'NewTargetMessage',
  exchange: leadsExchange,
  routingKey: { pattern: 'lead.*', of: (p: { campaign_id: string }) => `lead.${p.campaign_id}` },
  schema: z.object({
    worker_id: id,
    campaign_id: id,
    chat_id: id,
    chat_title: z.string().max(256).nullable(),
    message_id: z.number().int(),
    user_id: id,
    username: z.string().max(64).nullable(),
    first_name: z.string().max(128).nullable(),
    last_name: z.string().max(128).nullable(),
    message: z.string().max(4096),
    matched_keywords: z.array(z.string().max(200)).min(1).max(100),
    language: z.string().max(8).nullable(),
    sent_at: at,
  }),
});
