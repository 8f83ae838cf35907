import type { BusTables } from '@switchyard/bus';
import type { Generated, Kysely, Transaction } from '@switchyard/store';
import type { SessionLeaseTables } from '@switchyard/telegram/lease';
import type {
  AccountRole,
  AccountStatus,
  ApprovalMode,
  CampaignStatus,
  CampaignType,
  Caps,
  ChatKind,
  ChatPermission,
  FollowUpPolicy,
  Pacing,
  PublicProxy,
  RunStatus,
  Schedule,
} from './domain/types';

type Timestamps = {
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export interface AccountsTable extends Timestamps {
  id: string;
  phone: string | null;
  api_id: number | null;
  api_hash_sealed: string | null;
  session_sealed: string | null;
  proxy: PublicProxy | null;
  proxy_secret_sealed: string | null;
  role: AccountRole;
  status: Generated<AccountStatus>;
  status_reason: string | null;
  flood_wait_until: Date | null;
  telegram_user_id: string | null;
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  health_checked_at: Date | null;
  health_error: string | null;
  counters_day: string | null;
  messages_today: Generated<number>;
  contacts_today: Generated<number>;
  warmup_stage: Generated<number>;
  is_reserve: Generated<boolean>;
  tags: Generated<string[]>;
  campaign_id: string | null;
  notes: string | null;
  deleted_at: Date | null;
}

export interface OnboardingProfile {
  role: AccountRole;
  tags: string[];
  campaignId: string | null;
  isReserve: boolean;
  notes: string | null;
}

export type OnboardingStep = 'code' | 'password' | 'done' | 'failed' | 'cancelled';

export interface OnboardingsTable extends Timestamps {
  id: string;
  phone: string;
  step: OnboardingStep;
  state_sealed: string | null;
  api_id: number | null;
  api_hash_sealed: string | null;
  proxy: PublicProxy | null;
  proxy_secret_sealed: string | null;
  profile: OnboardingProfile;
  code_delivery: string | null;
  code_length: number | null;
  password_hint: string | null;
  attempts: Generated<number>;
  failure: string | null;
  account_id: string | null;
  created_by: string;
  expires_at: Date;
}

export interface NotificationBotsTable extends Timestamps {
  id: string;
  name: string;
  token_sealed: string;
  bot_user_id: string | null;
  admin_chat_ids: string[];
  enabled: Generated<boolean>;
  deleted_at: Date | null;
}

export interface ChatsTable extends Timestamps {
  id: string;
  telegram_id: string | null;
  username: string | null;
  link: string | null;
  title: string | null;
  kind: ChatKind | null;
  members_count: number | null;
  language: string | null;
  tags: Generated<string[]>;
  permission: ChatPermission;
  permission_note: string | null;
  resolved_at: Date | null;
  deleted_at: Date | null;
}

export interface LlmProfilesTable extends Timestamps {
  id: string;
  name: string;
  base_url: string;
  model: string;
  api_key_sealed: string | null;
  system_prompt: string;
  temperature: number;
  max_tokens: number;
  deleted_at: Date | null;
}

export interface CampaignsTable extends Timestamps {
  id: string;
  name: string;
  scope: string | null;
  type: CampaignType;
  status: CampaignStatus;
  target_chat_ids: string[];
  schedule: Schedule;
  pacing: Pacing;
  caps: Caps;
  plus_keywords: string[];
  minus_keywords: string[];
  languages: string[];
  llm_profile_id: string | null;
  offer_brief: string | null;
  welcome_template: string | null;
  follow_up: FollowUpPolicy;
  approval_mode: ApprovalMode;
  auto_reply: boolean;
  deleted_at: Date | null;
}

export interface ScriptsTable extends Timestamps {
  id: string;
  name: string;
  language: string;
  version: Generated<number>;
  body: unknown;
  roles_count: number;
  lines_count: number;
  variants_total: number;
  created_by: string;
  deleted_at: Date | null;
}

export interface RunProblemRow {
  chatId: string | null;
  reason: string;
  text: string;
}

export interface ScriptRunsTable extends Timestamps {
  id: string;
  script_id: string;
  script_version: number;
  script_name: string;
  script_body: unknown;
  campaign_id: string;
  campaign_name: string;
  mapping: Record<string, string>;
  account_ids: string[];
  chat_ids: string[];
  seed: string;
  status: Generated<RunStatus>;
  status_reason: string | null;
  problems: Generated<RunProblemRow[]>;
  attempt: Generated<number>;
  lines_sent: Generated<number>;
  chats_skipped: Generated<number>;
  requested_by: string;
  control_requested: string | null;
  started_at: Date | null;
  finished_at: Date | null;
  last_event_at: Date | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_id: string;
  actor_kind: 'user' | 'service' | 'system';
  actor_roles: string[];
  action: string;
  entity_type: string;
  entity_id: string;
  details: Record<string, unknown>;
  request_id: string | null;
}

export interface DemoStepsTable {
  step: string;
  done_at: Generated<Date>;
  result: Record<string, unknown>;
}

/** The admin service's tables, as Kysely sees them. */
export interface AdminDB extends BusTables, SessionLeaseTables {
  accounts: AccountsTable;
  onboardings: OnboardingsTable;
  notification_bots: NotificationBotsTable;
  chats: ChatsTable;
  llm_profiles: LlmProfilesTable;
  campaigns: CampaignsTable;
  scripts: ScriptsTable;
  script_runs: ScriptRunsTable;
  audit_log: AuditLogTable;
  demo_steps: DemoStepsTable;
}

export type Db = Kysely<AdminDB>;
/** The database or a transaction over it: repositories accept either. */
export type Conn = Kysely<AdminDB> | Transaction<AdminDB>;
