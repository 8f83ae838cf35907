// The script as stored and as sent by the editor. This schema checks shape and ranges only;
// cross-field rules (roles exist, reply targets are earlier, spintax parses) live in validate.ts,
// because they need the whole script and must report every problem at once.
import { z } from 'zod';

export const MAX_ROLES = 20;
export const MAX_LINES = 500;
export const MAX_TEXT_LENGTH = 4096;
export const MAX_DELAY_SECONDS = 86_400;
export const MAX_TYPING_SECONDS = 120;
export const MAX_BRANCHES = 20;

/** Seconds, drawn uniformly per line and per chat when a run is planned. */
export const delayRangeSchema = z
  .object({
    min: z.number().min(0).max(MAX_DELAY_SECONDS),
    max: z.number().min(0).max(MAX_DELAY_SECONDS),
  })
  .refine((d) => d.min <= d.max, { message: 'delay.min must not exceed delay.max', path: ['max'] });

export const roleSchema = z.object({
  index: z.number().int().min(1).max(MAX_ROLES),
  name: z.string().trim().min(1).max(60),
  description: z.string().max(500).optional(),
});

export const replyToSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('previous') }),
  z.object({ kind: z.literal('line'), line: z.number().int().min(1) }),
  z.object({ kind: z.literal('none') }),
]);

/** A/B group label. Short and plain so it can be a metric label too. */
export const variantLabelSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,20}$/, 'variant must be 1-20 letters, digits, "_" or "-"');

export const lineSchema = z.object({
  role: z.number().int().min(1),
  text: z.string().min(1).max(MAX_TEXT_LENGTH),
  delay: delayRangeSchema,
  // Threading like the original (each message answers the previous one) unless told otherwise.
  replyTo: replyToSchema.default({ kind: 'previous' }),
  typing: z.number().min(0).max(MAX_TYPING_SECONDS).default(0),
  variant: variantLabelSchema.optional(),
});

export const branchTriggerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('any') }),
  z.object({ kind: z.literal('keywords'), words: z.array(z.string().trim().min(1).max(100)).min(1).max(50) }),
]);

export const branchReplySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('lines'),
    texts: z.array(z.string().min(1).max(MAX_TEXT_LENGTH)).min(1).max(50),
  }),
  z.object({ kind: z.literal('llm'), instruction: z.string().trim().min(1).max(4000) }),
]);

export const branchSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'branch id must be 1-64 letters, digits, "_" or "-"'),
  afterLine: z.number().int().min(1).optional(),
  trigger: branchTriggerSchema,
  role: z.number().int().min(1),
  reply: branchReplySchema,
  maxPerChat: z.number().int().min(1).max(10),
  delay: delayRangeSchema,
});

export const scriptSchema = z.object({
  name: z.string().trim().min(1).max(200),
  language: z.enum(['ru', 'en']),
  roles: z.array(roleSchema).min(1).max(MAX_ROLES),
  lines: z.array(lineSchema).min(1).max(MAX_LINES),
  branches: z.array(branchSchema).max(MAX_BRANCHES).optional(),
});

/** A script after parsing (defaults applied). */
export type Script = z.output<typeof scriptSchema>;
/** What a client may send: `replyTo` and `typing` may be left out. */
export type ScriptInput = z.input<typeof scriptSchema>;
export type Role = z.output<typeof roleSchema>;
export type ScriptLine = z.output<typeof lineSchema>;
export type ReplyTo = z.output<typeof replyToSchema>;
export type DelayRange = z.output<typeof delayRangeSchema>;
export type Branch = z.output<typeof branchSchema>;
export type BranchTrigger = z.output<typeof branchTriggerSchema>;
export type BranchReply = z.output<typeof branchReplySchema>;
