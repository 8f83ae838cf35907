import { runPlanSchema } from '@switchyard/coolthing-script';
import type { AccountCredentials } from '@switchyard/telegram';
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

/** Another worker holds the account's session. */
export class LeaseHeld extends Error {
  override name = 'LeaseHeld';
  constructor(readonly accountId: string) {
    super(`account ${accountId} is held by another worker`);
  }
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

/** The lease ran out and someone else may have it: stop using the session at once. */
export class LeaseLost extends Error {
  override name = 'LeaseLost';
  constructor(readonly accountId: string) {
    super(`the lease of account ${accountId} was lost`);
  }
}

export type AccountStatusReport =
  | { status: 'banned'; reason: string }
  | { status: 'limited'; reason: string }
  | { status: 'flood_wait'; until: Date; reason: string };

/** What the worker asks admin about accounts (its internal API). */
export interface AdminAccounts {
  credentials(accountId: string): Promise<AccountCredentials>;
  /** Takes the session lease; throws LeaseHeld when another holder has it. */
  lease(accountId: string, holder: string, ttlSeconds: number): Promise<void>;
  /** Extends it; throws LeaseLost when it is not ours any more. */
  renew(accountId: string, holder: string, ttlSeconds: number): Promise<void>;
  release(accountId: string, holder: string): Promise<void>;
  reportStatus(accountId: string, report: AccountStatusReport): Promise<void>;
}
