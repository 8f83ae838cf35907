import { z } from 'zod';

/**
 * HTTP shapes of the CoolThing admin's internal API (`/internal/...`, fellow services only):
 * declared once so the admin's routes and the workers that call them cannot drift apart.
 * The values the admin guarantees (non-negative ranges, ISO instants) are spelt out here, so
 * the callers' validation is exactly the admin's promise.
 */

export const AccountStatusSchema = z.enum([
  'new',
  'active',
  'paused',
  'flood_wait',
  'limited',
  'banned',
  'stopped',
]);

/** The Telegram port's proxy (`ProxyConfig` of `@switchyard/telegram`), secret included. */
export const ProxyConfigSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('socks5'),
    host: z.string(),
    port: z.number().int(),
    username: z.string().optional(),
    password: z.string().optional(),
  }),
  z.object({
    type: z.literal('http'),
    host: z.string(),
    port: z.number().int(),
    username: z.string().optional(),
    password: z.string().optional(),
    tls: z.boolean().optional(),
  }),
  z.object({ type: z.literal('mtproxy'), host: z.string(), port: z.number().int(), secret: z.string() }),
]);

/** GET /internal/accounts/{id}/credentials: what a worker needs to act as the account (never log it). */
export const AccountCredentialsSchema = z.object({
  accountId: z.string(),
  session: z.string().min(1),
  apiId: z.number().int().nullable(),
  apiHash: z.string().nullable(),
  proxy: ProxyConfigSchema.nullable(),
});
export type AccountCredentialsBody = z.output<typeof AccountCredentialsSchema>;

/** Who holds a session lease: the worker's instance id. */
export const LeaseHolderSchema = z.string().trim().min(1).max(200);

/** POST /internal/accounts/{id}/lease and /lease/renew. */
export const SessionLeaseRequestSchema = z.strictObject({
  holder: LeaseHolderSchema,
  ttlSeconds: z.number().int().min(1).max(3600).default(30),
});
export type SessionLeaseRequest = z.input<typeof SessionLeaseRequestSchema>;

/** The lease as held now (answer of take and renew). */
export const SessionLeaseSchema = z.object({
  accountId: z.string(),
  holder: z.string(),
  expiresAt: z.string(),
});

/** POST /internal/accounts/{id}/status: a worker reports what Telegram told it about the account. */
export const AccountStatusReportSchema = z
  .strictObject({
    status: z.enum(['active', 'flood_wait', 'limited', 'banned']),
    until: z.iso.datetime({ offset: true }).optional(),
    reason: z.string().max(500).optional(),
  })
  .refine((s) => s.status !== 'flood_wait' || s.until, {
    message: 'a flood wait needs until',
    path: ['until'],
  });
export type AccountStatusReportBody = z.input<typeof AccountStatusReportSchema>;

export const AccountStatusResultSchema = z.object({
  changed: z.boolean(),
  why: z.string().optional(),
  account: z.object({
    id: z.string(),
    status: AccountStatusSchema,
    statusReason: z.string().nullable(),
    floodWaitUntil: z.string().nullable(),
  }),
});

const AssignedChatSchema = z.object({
  id: z.string(),
  link: z.string().nullable(),
  username: z.string().nullable(),
  telegramId: z.string().nullable(),
  title: z.string().nullable(),
});

/** GET /internal/parser-assignments/{accountId}: a parser account's work. */
export const ParserAssignmentSchema = z.object({
  accountId: z.string(),
  status: z.string(),
  telegramUserId: z.string().nullable(),
  campaigns: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      plusKeywords: z.array(z.string()),
      minusKeywords: z.array(z.string()),
      languages: z.array(z.string()),
      /** Null: campaigns do not store a window yet; the parser's default applies. */
      dedupWindowSeconds: z.number().int().nullable(),
      /** Chats of the campaign this account watches. */
      chats: z.array(AssignedChatSchema),
      /** How many parser accounts share the campaign's chats now. */
      sharedBy: z.number().int(),
    }),
  ),
  /** Telegram user ids of every account the system runs: their messages are never leads. */
  knownAccountUserIds: z.array(z.string()),
  /** Changes whenever anything above changes. */
  revision: z.string(),
});
export type ParserAssignment = z.output<typeof ParserAssignmentSchema>;

const SecondsRangeSchema = z.object({ min: z.number().int().min(0), max: z.number().int().min(0) });

/** An LLM profile with its API key opened: what the manager calls the model with. */
export const LlmProfileWithKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  model: z.string(),
  apiKey: z.string().nullable(),
  systemPrompt: z.string(),
  temperature: z.number(),
  maxTokens: z.number().int(),
});
export type LlmProfileWithKey = z.output<typeof LlmProfileWithKeySchema>;

/** GET /internal/campaigns/{id}: a campaign as the manager needs it, LLM key opened. */
export const InternalCampaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(['scripts', 'parser']),
  status: z.enum(['draft', 'active', 'paused', 'finished']),
  schedule: z.object({
    timezone: z.string(),
    windows: z.array(z.object({ days: z.array(z.number().int()), start: z.string(), end: z.string() })),
  }),
  pacing: z.object({ newLeadDelaySeconds: SecondsRangeSchema, answerDelaySeconds: SecondsRangeSchema }),
  caps: z.object({ perAccountPerDay: z.number().int().min(0), perCampaignPerDay: z.number().int().min(0) }),
  languages: z.array(z.string()),
  offerBrief: z.string().nullable(),
  welcomeTemplate: z.string().nullable(),
  followUp: z.object({ enabled: z.boolean(), afterHours: z.number().int(), maxFollowUps: z.number().int() }),
  approvalMode: z.enum(['review', 'auto']),
  autoReply: z.boolean(),
  llmProfile: LlmProfileWithKeySchema.nullable(),
  /** The campaign's manager accounts, by id. */
  accounts: z.array(
    z.object({
      id: z.string(),
      status: AccountStatusSchema,
      username: z.string().nullable(),
      telegramUserId: z.string().nullable(),
      warmupStage: z.number().int(),
      floodWaitUntil: z.iso.datetime({ offset: true }).nullable(),
      isReserve: z.boolean(),
      countersDay: z.string().nullable(),
      /** Today's counters: 0 when `countersDay` is another day. */
      contactsToday: z.number().int(),
      messagesToday: z.number().int(),
    }),
  ),
});
export type InternalCampaign = z.output<typeof InternalCampaignSchema>;
