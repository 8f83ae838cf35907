// Account status changes reported by workers and events. A ban is for good (only an admin
// lifts it); a stopped account stays stopped; a flood wait ends at its time.
import type { AccountStatus } from './types';

export type ReportedStatus = 'active' | 'flood_wait' | 'limited' | 'banned';

export interface StatusReport {
  status: ReportedStatus;
  until?: Date | null;
  reason?: string | null;
}

export interface AccountState {
  status: AccountStatus;
  floodWaitUntil: Date | null;
}

export type StatusChange =
  | { change: false; why: string }
  | { change: true; status: AccountStatus; floodWaitUntil: Date | null; reason: string | null };

export function applyStatusReport(current: AccountState, report: StatusReport, now: Date): StatusChange {
  if (current.status === 'banned' && report.status !== 'banned')
    return { change: false, why: 'the account is banned; only an admin can lift that' };
  if (current.status === 'stopped' && report.status !== 'banned')
    return { change: false, why: 'the account was stopped by an admin' };
  if (report.status === 'flood_wait') {
    const until = report.until ?? null;
    if (!until || until.getTime() <= now.getTime())
      return { change: false, why: 'the flood wait is already over' };
    // A shorter wait reported later does not cut a longer one short.
    const longest =
      current.status === 'flood_wait' && current.floodWaitUntil && current.floodWaitUntil > until
        ? current.floodWaitUntil
        : until;
    return { change: true, status: 'flood_wait', floodWaitUntil: longest, reason: report.reason ?? null };
  }
  return { change: true, status: report.status, floodWaitUntil: null, reason: report.reason ?? null };
}

/** Statuses in which an account must not be given work. */
export const UNAVAILABLE_STATUSES: readonly AccountStatus[] = ['banned', 'stopped', 'flood_wait', 'paused'];

export function unavailableReason(state: AccountState, now: Date): string | null {
  if (state.status === 'flood_wait') {
    if (state.floodWaitUntil && state.floodWaitUntil.getTime() <= now.getTime()) return null;
    return `is in a flood wait${state.floodWaitUntil ? ` until ${state.floodWaitUntil.toISOString()}` : ''}`;
  }
  if (UNAVAILABLE_STATUSES.includes(state.status)) return `is ${state.status}`;
  return null;
}
