import { scriptSchema } from '@switchyard/coolthing-script';
import { z } from 'zod';

const id = z.string().min(1).max(64);
const name = z
  .string()
  .max(256)
  .nullish()
  .transform((v) => v ?? null);
const telegramId = z
  .union([z.string().max(32), z.number().int()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : String(v)));

/**
 * What admin's internal API answers for one activation (`GET /internal/script-runs/{sfcId}`):
 * the run, its script, campaign, chats with their recorded permission and the mapped accounts.
 */
export const sfcSnapshotSchema = z.object({
  sfc: z.object({
    id,
    status: z.string().min(1).max(32),
    seed: z.union([z.string().max(100), z.number()]).transform(String),
    createdAt: z.string().max(40).optional(),
    campaignId: id,
    scriptId: id,
    /** Role index ("1", "2", ...) → account id. */
    mapping: z.record(z.string().regex(/^\d{1,3}$/), id),
    chatIds: z.array(id).max(500),
  }),
  script: scriptSchema,
  campaign: z.object({ id, name: z.string().max(200) }),
  chats: z
    .array(
      z.object({
        id,
        link: name,
        username: name,
        telegramId,
        title: name,
        permission: z.string().min(1).max(32),
      }),
    )
    .max(500),
  accounts: z
    .array(
      z.object({
        id,
        status: z.string().min(1).max(32),
        role: name,
        firstName: name,
        lastName: name,
        username: name,
        telegramUserId: telegramId,
      }),
    )
    .max(100),
});

export type SfcSnapshot = z.output<typeof sfcSnapshotSchema>;
export type SnapshotChat = SfcSnapshot['chats'][number];
export type SnapshotAccount = SfcSnapshot['accounts'][number];

/** Where a worker finds a chat in Telegram, kept with the plan (the plan knows chats by registry id). */
export const runTargetSchema = z.object({
  chatId: id,
  /** What to join and send to: the invite or public link, `@username`, or the numeric id. */
  ref: z.string().min(1).max(300),
  title: z.string().max(256),
  telegramId: z.string().max(32).nullable(),
});

/** An account of the run as the worker needs it (no secrets: credentials come from admin). */
export const runAccountSchema = z.object({
  accountId: id,
  role: z.number().int().min(1),
  username: z.string().max(64).nullable(),
  telegramUserId: z.string().max(32).nullable(),
});

export type RunTarget = z.output<typeof runTargetSchema>;
export type RunAccount = z.output<typeof runAccountSchema>;
