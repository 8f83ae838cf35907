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
    /** The sender's profile bio as the parser account saw it (for the offer). */
    bio: z.string().max(512).nullable().default(null),
  }),
});

/**
 * scripts-worker → watcher: the worker is alive and waiting on purpose (a FloodWait or slow
 * mode being waited out, a pause, a lease, the engagement window), so silence is not a stall.
 */
export const ScriptHeartbeat = defineEvent({
  type: 'ScriptHeartbeat',
  exchange: eventsExchange,
  routingKey: 'script.heartbeat',
  schema: z.object({
    sfc_id: id,
    state: z.enum(['playing', 'waiting', 'paused', 'engagement']),
    /** What is waited for (`flood_wait`, `slow_mode`, `lease`, `paused`), null while playing. */
    reason: z.string().max(64).nullable(),
    /** When the wait ends, when known. */
    until: at.nullable(),
    at,
  }),
});

/** scripts-worker: one line of one chat will not be sent (its account is banned or limited). */
export const ScriptLineSkipped = defineEvent({
  type: 'ScriptLineSkipped',
  exchange: eventsExchange,
  routingKey: 'script.line_skipped',
  schema: z.object({
    sfc_id: id,
    chat_id: id,
    line_no: z.number().int().min(1),
    account_id: id,
    reason: z.string().max(64),
    reason_text_en: z.string().max(500),
    reason_text_ru: z.string().max(500),
  }),
});

/**
 * scripts-worker, after a restart: a line was being sent when the previous worker died and
 * nothing says whether Telegram got it. It is not sent again (never twice); an operator may check.
 */
export const ScriptLineUnconfirmed = defineEvent({
  type: 'ScriptLineUnconfirmed',
  exchange: eventsExchange,
  routingKey: 'script.line_unconfirmed',
  schema: z.object({
    sfc_id: id,
    chat_id: id,
    line_no: z.number().int().min(1),
    account_id: id,
    attempted_at: at,
  }),
});

/*
 * Parser Mode, after a lead is found. Routing keys never start with `lead.` (the manager's
 * `lead.*` binding is for NewTargetMessage only).
 */

/** manager → bot worker of `account_id`: send this private message (after `not_before`). */
export const OutboundMessageRequested = defineEvent({
  type: 'OutboundMessageRequested',
  exchange: leadsExchange,
  routingKey: { pattern: 'outbound.*', of: (p: { account_id: string }) => `outbound.${p.account_id}` },
  schema: z.object({
    outbound_id: id,
    lead_id: id,
    campaign_id: id,
    account_id: id,
    user_id: id,
    username: z.string().max(64).nullable(),
    text: z.string().min(1).max(4096),
    /** Why it is sent: the first offer, a reply in the conversation, an operator's message. */
    kind: z.enum(['offer', 'reply', 'operator']),
    not_before: at,
  }),
});

/** bot → manager (audit, conversation): a private message went out. */
export const OutboundMessageSent = defineEvent({
  type: 'OutboundMessageSent',
  exchange: leadsExchange,
  routingKey: 'delivery.sent',
  schema: z.object({
    outbound_id: id,
    lead_id: id,
    campaign_id: id,
    account_id: id,
    user_id: id,
    telegram_message_id: z.number().int(),
    text: z.string().max(4096),
    sent_at: at,
  }),
});

/** bot → manager: a private message could not be sent, with the typed reason. */
export const OutboundMessageFailed = defineEvent({
  type: 'OutboundMessageFailed',
  exchange: leadsExchange,
  routingKey: 'delivery.failed',
  schema: z.object({
    outbound_id: id,
    lead_id: id,
    campaign_id: id,
    account_id: id,
    user_id: id,
    reason: z.string().max(64),
    detail: z.string().max(500),
    retryable: z.boolean(),
    failed_at: at,
  }),
});

/** bot → manager: a lead wrote back to the account (the seed's `lead.replied`). */
export const LeadReplied = defineEvent({
  type: 'LeadReplied',
  exchange: leadsExchange,
  routingKey: { pattern: 'reply.*', of: (p: { account_id: string }) => `reply.${p.account_id}` },
  schema: z.object({
    account_id: id,
    user_id: id,
    username: z.string().max(64).nullable(),
    telegram_message_id: z.number().int(),
    text: z.string().max(4096),
    received_at: at,
  }),
});

/** bot → everyone: the user asked not to be contacted; no campaign may message them again. */
export const LeadOptedOut = defineEvent({
  type: 'LeadOptedOut',
  exchange: leadsExchange,
  routingKey: 'suppression.opted_out',
  schema: z.object({
    user_id: id,
    account_id: id.nullable(),
    phrase: z.string().max(200),
    at,
  }),
});

/**
 * manager → bot workers: a user was put on the do-not-contact list by an operator (opt-outs
 * travel as LeadOptedOut). Workers re-check their copy of the list right before each send.
 */
export const ContactSuppressed = defineEvent({
  type: 'ContactSuppressed',
  exchange: leadsExchange,
  routingKey: 'suppression.added',
  schema: z.object({
    suppression_id: id,
    user_id: id.nullable(),
    username: z.string().max(64).nullable(),
    reason: z.string().max(500).nullable(),
    at,
  }),
});

/** manager → bot workers: an operator took a user off the do-not-contact list. */
export const ContactUnsuppressed = defineEvent({
  type: 'ContactUnsuppressed',
  exchange: leadsExchange,
  routingKey: 'suppression.removed',
  schema: z.object({
    suppression_id: id,
    user_id: id.nullable(),
    username: z.string().max(64).nullable(),
    at,
  }),
});

/**
 * notifier → notifier (any instance): deliver this stored alert to its admin chats. Going
 * through the bus gives delivery its retries with backoff and, when they run out, a dead
 * letter instead of a silent loss.
 */
export const AlertDeliveryRequested = defineEvent({
  type: 'AlertDeliveryRequested',
  exchange: eventsExchange,
  routingKey: 'alert.deliver',
  schema: z.object({ alert_id: id }),
});

/*
 * Long-running account workers (parser, bot) and their watchdog.
 */

/**
 * parser (and any account worker that sends it) → watchdog: the worker is alive and what it
 * does. Silence beyond the watchdog's threshold makes it restart the worker.
 */
export const AccountWorkerHeartbeat = defineEvent({
  type: 'AccountWorkerHeartbeat',
  exchange: eventsExchange,
  routingKey: 'worker.heartbeat',
  schema: z.object({
    account_id: id,
    role: z.enum(['parser', 'manager']),
    /** The session lease holder: one worker process. */
    holder: z.string().max(200),
    state: z.enum(['starting', 'waiting_for_lease', 'running', 'stopping']),
    campaigns: z.number().int().min(0),
    chats_watched: z.number().int().min(0),
    chats_unavailable: z.number().int().min(0),
    messages_seen: z.number().int().min(0),
    leads: z.number().int().min(0),
    at,
  }),
});

/** parser: a campaign chat its account cannot join or read (bad link, private, banned there). */
export const ParserChatUnavailable = defineEvent({
  type: 'ParserChatUnavailable',
  exchange: eventsExchange,
  routingKey: 'parser.chat_unavailable',
  schema: z.object({
    account_id: id,
    campaign_id: id,
    /** The chat registry id. */
    chat_id: id,
    chat_title: z.string().max(256).nullable(),
    /** The link, username or id the account tried. */
    target: z.string().max(300),
    /** Machine reason (`bad_link`, `private_or_ban`, ...) and readable texts. */
    reason: z.string().max(64),
    reason_text_en: z.string().max(500),
    reason_text_ru: z.string().max(500),
    at,
  }),
});

/**
 * Exit codes of account workers (parser, bot) the watchdog acts on; any other code of an exit
 * it did not ask for is a crash.
 */
export const ACCOUNT_WORKER_EXIT = {
  /** Stopped as asked, or nothing to do. */
  done: 0,
  /** The account is banned: mark it, swap in a reserve account. */
  banned: 3,
  /** A long FloodWait: AccountFloodWait was published; pause the account until it ends. */
  floodWait: 4,
  /** Another worker holds the session lease: try again later. */
  leaseHeld: 5,
} as const;
