// When a queued message may go out: pacing, the campaign's state and its send windows.
import { nextOpening, type Schedule } from './windows';

export type SendPlan =
  { kind: 'send'; at: Date } | { kind: 'wait'; until: Date; reason: string; sendAt: Date | null };

export interface PlanInput {
  now: Date;
  /** Earliest time pacing allows (the new-lead or answer delay after the trigger). */
  dueAt: Date;
  schedule: Schedule;
  campaignActive: boolean;
  /** How far ahead a message is handed to its account (the account worker waits out the rest). */
  horizonMs: number;
  /** Longest wait before looking again (settings may change meanwhile). */
  recheckMs: number;
}

/**
 * `send` with the instant to send at (within the horizon), or `wait` with when to look again
 * and why, for the lead's visible state.
 */
export function planSend(input: PlanInput): SendPlan {
  const { now, horizonMs, recheckMs } = input;
  const recheck = new Date(now.getTime() + recheckMs);
  if (!input.campaignActive)
    return { kind: 'wait', until: recheck, reason: 'the campaign is not active', sendAt: null };
  const earliest = input.dueAt > now ? input.dueAt : now;
  const sendAt = nextOpening(earliest, input.schedule);
  if (!sendAt)
    return { kind: 'wait', until: recheck, reason: 'the campaign has no send window', sendAt: null };
  if (sendAt.getTime() - now.getTime() <= horizonMs) return { kind: 'send', at: sendAt };
  const lookAgain = new Date(Math.min(sendAt.getTime() - horizonMs, recheck.getTime()));
  const reason =
    sendAt.getTime() === earliest.getTime()
      ? `pacing: the new-lead delay ends at ${sendAt.toISOString()}`
      : `outside the send window; it opens at ${sendAt.toISOString()}`;
  return { kind: 'wait', until: lookAgain, reason, sendAt };
}
