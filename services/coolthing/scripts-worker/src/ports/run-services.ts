import type { AccountsApi } from '@switchyard/telegram/accounts-api';
import { runPlanSchema } from '@switchyard/coolthing-script';
import { z } from 'zod';

/** The stored plan as the scripts service hands it out (`GET /internal/runs/{id}/plan`). */
export const runDocSchema = z.object({
  sfcId: z.string(),
  plan: runPlanSchema,
  targets: z.array(
    z.object({
      chatId: z.string(),
      ref: z.string(),
      title: z.string(),
      telegramId: z.string().nullable(),
    }),
  ),
  accounts: z.array(
    z.object({
      accountId: z.string(),
      role: z.number().int(),
      username: z.string().nullable(),
      telegramUserId: z.string().nullable(),
    }),
  ),
});

export type RunDoc = z.output<typeof runDocSchema>;
export type RunTarget = RunDoc['targets'][number];

export interface PlanSource {
  /** The run's plan; null when the scripts service has none (never planned, or rejected). */
  plan(runId: string): Promise<RunDoc | null>;
}

export type ControlAction = 'run' | 'pause' | 'stop';

export interface ControlSource {
  /** The operator's latest word on the run; null when nobody knows the run. */
  control(runId: string): Promise<ControlAction | null>;
}

/** Admin has no usable session for the account (deleted, or never signed in). */
export class NoCredentials extends Error {
  override name = 'NoCredentials';
  constructor(
    readonly accountId: string,
    detail: string,
  ) {
    super(`account ${accountId} cannot be used: ${detail}`);
  }
}

/**
 * What the worker asks admin about accounts: the shared account API (lease refusals are the
 * platform's SessionLeaseHeld and SessionLeaseLost); `credentials` throws NoCredentials when
 * admin has no usable session.
 */
export type AdminAccounts = AccountsApi;
