// Caps per account and per campaign, and the warm-up ramp (coolthing.md "Responsible outreach").
// The database enforces them with conditional counters (repositories/counters.ts); these pure
// functions decide which counters a message uses, their limits and when they reset.
import { localDayKey, nextLocalMidnight } from './windows';

export interface CampaignCaps {
  /** New contacts per account per day (before the warm-up ramp). */
  perAccountPerDay: number;
  /** New contacts per campaign per day, in the campaign's time zone. */
  perCampaignPerDay: number;
}

export interface CapSettings {
  /** Private messages of any kind per account per hour. */
  perAccountPerHour: number;
  /** Daily new-contact cap by warm-up stage (stage 0 first); stages past the list are not ramped. */
  warmup: number[];
}

/** One counter a send takes a unit of: `scope` names what is counted, `bucket` the period. */
export interface CounterClaim {
  scope: string;
  bucket: string;
  limit: number;
  /** When the period ends (the next chance once it is full). */
  resetsAt: Date;
  /** For operators: what the limit is. */
  label: string;
}

/** The account's new-contact cap today: the campaign's, lowered while the account warms up. */
export function accountDailyCap(perAccountPerDay: number, warmupStage: number, warmup: number[]): number {
  const ramp = warmupStage >= 0 && warmupStage < warmup.length ? warmup[warmupStage]! : Infinity;
  return Math.max(0, Math.min(perAccountPerDay, ramp));
}

export const utcDayKey = (at: Date): string => at.toISOString().slice(0, 10);
export const utcHourKey = (at: Date): string => at.toISOString().slice(0, 13);

const nextUtcMidnight = (at: Date) =>
  new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1));
const nextUtcHour = (at: Date) => new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000 + 3_600_000);

/** Counters a new contact (the first offer) takes at `at`: account day, account hour, campaign day. */
export function offerClaims(input: {
  accountId: string;
  warmupStage: number;
  campaignId: string;
  timezone: string;
  caps: CampaignCaps;
  settings: CapSettings;
  at: Date;
}): CounterClaim[] {
  const { accountId, campaignId, at, caps, settings } = input;
  const daily = accountDailyCap(caps.perAccountPerDay, input.warmupStage, settings.warmup);
  return [
    {
      scope: `account:${accountId}:contacts`,
      bucket: utcDayKey(at),
      limit: daily,
      resetsAt: nextUtcMidnight(at),
      label:
        daily < caps.perAccountPerDay
          ? `new contacts per account per day (warm-up stage ${input.warmupStage}: ${daily})`
          : `new contacts per account per day (${daily})`,
    },
    hourlyClaim(accountId, at, settings),
    {
      scope: `campaign:${campaignId}:contacts`,
      bucket: localDayKey(at, input.timezone),
      limit: caps.perCampaignPerDay,
      resetsAt: nextLocalMidnight(at, input.timezone),
      label: `new contacts per campaign per day (${caps.perCampaignPerDay})`,
    },
  ];
}

/** The counter every private message from an account takes (replies and operator messages too). */
export function hourlyClaim(accountId: string, at: Date, settings: CapSettings): CounterClaim {
  return {
    scope: `account:${accountId}:messages`,
    bucket: utcHourKey(at),
    limit: settings.perAccountPerHour,
    resetsAt: nextUtcHour(at),
    label: `messages per account per hour (${settings.perAccountPerHour})`,
  };
}

/** Parses `5,10,20,40` (the warm-up ramp variable). */
export function parseWarmup(text: string): number[] {
  if (!text.trim()) return [];
  return text.split(',').map((s) => {
    const n = Number(s.trim());
    if (!Number.isInteger(n) || n < 0) throw new Error(`not a daily cap: ${JSON.stringify(s)}`);
    return n;
  });
}
