// The admin's vocabulary (coolthing.md "Domain"): one place for every enumerated value.
import { AccountStatusSchema } from '@switchyard/contracts/coolthing-admin';

export const ACCOUNT_ROLES = ['parser', 'manager', 'actor'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** Declared once with the admin's internal API (`@switchyard/contracts/coolthing-admin`). */
export const ACCOUNT_STATUSES = AccountStatusSchema.options;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const CHAT_KINDS = ['group', 'supergroup', 'channel_comments'] as const;
export type ChatKind = (typeof CHAT_KINDS)[number];

export const CHAT_PERMISSIONS = ['owned', 'partner', 'permitted', 'unknown'] as const;
export type ChatPermission = (typeof CHAT_PERMISSIONS)[number];

export const CAMPAIGN_TYPES = ['scripts', 'parser'] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];

export const CAMPAIGN_STATUSES = ['draft', 'active', 'paused', 'finished'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const APPROVAL_MODES = ['review', 'auto'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];

export const RUN_STATUSES = ['queued', 'running', 'paused', 'stopped', 'done', 'failed', 'stalled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const PROXY_TYPES = ['socks5', 'http', 'mtproxy'] as const;
export type ProxyType = (typeof PROXY_TYPES)[number];

/** A proxy as shown and stored in clear: everything but its password or MTProxy secret. */
export interface PublicProxy {
  type: ProxyType;
  host: string;
  port: number;
  username?: string;
  tls?: boolean;
}

/** Seconds, inclusive on both ends. */
export interface SecondsRange {
  min: number;
  max: number;
}

export interface Pacing {
  /** Before the first message to a new lead (the original's `new_lead_wait_interval_seconds`). */
  newLeadDelaySeconds: SecondsRange;
  /** Before each answer or script line (the original's `chat_answer_wait_interval_seconds`). */
  answerDelaySeconds: SecondsRange;
}

export interface Caps {
  perAccountPerDay: number;
  perCampaignPerDay: number;
}

/** A weekly send window in the schedule's time zone; `end` before `start` runs past midnight. */
export interface SendWindow {
  /** ISO weekdays, 1 = Monday. */
  days: number[];
  start: string;
  end: string;
}

export interface Schedule {
  timezone: string;
  windows: SendWindow[];
}

export interface FollowUpPolicy {
  enabled: boolean;
  afterHours: number;
  maxFollowUps: number;
}
