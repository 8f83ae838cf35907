// The run plan as persisted by `scripts` and read back by `scripts-worker`. Plain JSON:
// numbers are ms epoch times and ms durations, keys are strings, no Dates, no Maps.
import { z } from 'zod';
import { branchSchema } from './schema';

export const plannedReplyToSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('previous'), lineNo: z.number().int().min(1) }),
  z.object({ kind: z.literal('line'), lineNo: z.number().int().min(1) }),
]);

export const plannedLineSchema = z.object({
  /** 1-based script line: the key a worker records "sent" against, never the text. */
  lineNo: z.number().int().min(1),
  role: z.number().int().min(1),
  accountId: z.string().min(1),
  /** Rendered at planning time so a resumed worker sends exactly the same words. */
  text: z.string(),
  delayMs: z.number().int().min(0),
  typingMs: z.number().int().min(0),
  /** When the message is sent: typing starts at plannedAt - typingMs. */
  plannedAt: z.number(),
  replyTo: plannedReplyToSchema,
});

export const chatPlanSchema = z.object({
  chatId: z.string().min(1),
  title: z.string(),
  variant: z.string().nullable(),
  lines: z.array(plannedLineSchema),
});

export const roleAccountSchema = z.object({
  accountId: z.string().min(1),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
});

export const runPlanSchema = z.object({
  version: z.literal(1),
  seed: z.string(),
  startAt: z.number(),
  script: z.object({ name: z.string(), language: z.enum(['ru', 'en']) }),
  campaign: z.object({ name: z.string() }),
  /** The accounts playing each role, kept so branch replies render names without the mapping. */
  roles: z.array(roleAccountSchema.extend({ index: z.number().int().min(1) })),
  /** Kept so the worker answers members from the plan alone. */
  branches: z.array(branchSchema),
  chats: z.array(chatPlanSchema),
});

export type RunPlan = z.output<typeof runPlanSchema>;
export type ChatPlan = z.output<typeof chatPlanSchema>;
export type PlannedLine = z.output<typeof plannedLineSchema>;
export type PlannedReplyTo = z.output<typeof plannedReplyToSchema>;
/** One role's account and public profile, as given in the run's role mapping. */
export type RoleAccount = z.output<typeof roleAccountSchema>;
