import { describe, expect, it } from 'vitest';
import { ACCOUNT_WORKER_EXIT } from '@switchyard/contracts';
import type { WorkerAccount } from '../ports/admin';
import { exitOutcome, isSilent, restartDelayMs, type ExitPolicy } from './backoff';
import { workerName } from './names';
import { accountWanted, leaseBlocks, needsReplacement } from './wanted';

const now = new Date('2026-01-01T12:00:00Z');
const account = (over: Partial<WorkerAccount> = {}): WorkerAccount => ({
  id: 'acc-1',
  role: 'parser',
  status: 'active',
  statusReason: null,
  floodWaitUntil: null,
  isReserve: false,
  hasSession: true,
  campaign: { id: 'c-1', status: 'active', type: 'parser' },
  lease: null,
  ...over,
});

describe('which accounts get a worker', () => {
  it('wants an active account with a session on an active campaign, out of the reserve pool', () => {
    expect(accountWanted(account(), now)).toEqual({ wanted: true });
    expect(accountWanted(account({ role: 'manager' }), now)).toEqual({ wanted: true });
    expect(accountWanted(account({ isReserve: true }), now)).toMatchObject({
      wanted: false,
      reason: 'in the reserve pool',
    });
    expect(accountWanted(account({ hasSession: false }), now)).toMatchObject({ wanted: false });
    expect(accountWanted(account({ campaign: null }), now)).toMatchObject({
      wanted: false,
      reason: 'no campaign',
    });
    expect(
      accountWanted(account({ campaign: { id: 'c', status: 'paused', type: 'parser' } }), now),
    ).toMatchObject({ wanted: false, reason: 'campaign paused' });
    for (const status of ['new', 'paused', 'banned', 'stopped'] as const)
      expect(accountWanted(account({ status }), now)).toMatchObject({
        wanted: false,
        reason: `account ${status}`,
      });
    expect(accountWanted(account({ role: 'actor' }), now)).toMatchObject({ wanted: false });
  });

  it('lets a limited parser read on, but not a limited manager; a flood wait holds until it ends', () => {
    expect(accountWanted(account({ status: 'limited' }), now)).toEqual({ wanted: true });
    expect(accountWanted(account({ status: 'limited', role: 'manager' }), now)).toMatchObject({
      wanted: false,
    });
    const until = new Date(now.getTime() + 60_000);
    expect(
      accountWanted(account({ status: 'flood_wait', floodWaitUntil: until.toISOString() }), now),
    ).toEqual({
      wanted: false,
      reason: 'flood wait',
      until,
    });
    const over = new Date(now.getTime() - 1).toISOString();
    expect(accountWanted(account({ status: 'flood_wait', floodWaitUntil: over }), now)).toEqual({
      wanted: true,
    });
  });

  it('replaces banned accounts that still hold a campaign', () => {
    expect(needsReplacement(account({ status: 'banned' }))).toBe(true);
    expect(needsReplacement(account({ status: 'banned', campaign: null }))).toBe(false);
    expect(needsReplacement(account({ status: 'banned', isReserve: true }))).toBe(false);
    expect(needsReplacement(account())).toBe(false);
  });

  it('is kept from starting by a live lease, unless it is the dead worker’s own', () => {
    const lease = { holder: 'parser:acc-1:42', expiresAt: new Date(now.getTime() + 30_000).toISOString() };
    expect(leaseBlocks(account({ lease }), null, now)).toBe(true);
    expect(leaseBlocks(account({ lease }), 'parser:acc-1:41', now)).toBe(true);
    expect(leaseBlocks(account({ lease }), 'parser:acc-1:42', now)).toBe(false);
    expect(leaseBlocks(account({ lease: { ...lease, expiresAt: now.toISOString() } }), null, now)).toBe(
      false,
    );
    expect(leaseBlocks(account(), null, now)).toBe(false);
  });
});

describe('what an ended worker means', () => {
  const policy: ExitPolicy = {
    backoffMs: 1000,
    backoffMaxMs: 10_000,
    maxCrashes: 3,
    healthyAfterMs: 60_000,
    leaseRetryMs: 5000,
    floodRetryMs: 7000,
  };
  const worker = { stopRequested: false, ranForMs: 1000, restarts: 0, crashes: 0 };
  const code = (c: number | null) => ({ code: c, signal: null });

  it('doubles the restart delay up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => restartDelayMs(n, 1000, 10_000))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });

  it('reads the exit codes of ACCOUNT_WORKER_EXIT', () => {
    expect(exitOutcome(code(ACCOUNT_WORKER_EXIT.banned), worker, policy)).toEqual({ kind: 'banned' });
    expect(exitOutcome(code(ACCOUNT_WORKER_EXIT.floodWait), worker, policy)).toEqual({
      kind: 'flood_wait',
      delayMs: 7000,
    });
    expect(exitOutcome(code(ACCOUNT_WORKER_EXIT.leaseHeld), worker, policy)).toEqual({
      kind: 'lease_held',
      delayMs: 5000,
    });
    // Exit 0 unasked: started again if still wanted, with backoff, but no crash.
    expect(exitOutcome(code(0), worker, policy)).toEqual({
      kind: 'restart',
      delayMs: 1000,
      restarts: 1,
      crashes: 0,
      crashed: false,
    });
    // Asked to stop: whatever the code.
    expect(exitOutcome(code(1), { ...worker, stopRequested: true }, policy)).toEqual({ kind: 'stopped' });
  });

  it('counts crashes (other codes, signals, kills) and gives up after too many in a row', () => {
    expect(exitOutcome(code(1), { ...worker, restarts: 2, crashes: 2 }, policy)).toEqual({
      kind: 'restart',
      delayMs: 4000,
      restarts: 3,
      crashes: 3,
      crashed: true,
    });
    expect(
      exitOutcome({ code: null, signal: 'SIGKILL' }, { ...worker, restarts: 3, crashes: 3 }, policy),
    ).toEqual({
      kind: 'give_up',
      restarts: 4,
      crashes: 4,
    });
    // Killed for silence: a crash even when the code looks like a known one.
    expect(
      exitOutcome(code(ACCOUNT_WORKER_EXIT.banned), { ...worker, forcedCrash: true }, policy),
    ).toMatchObject({
      kind: 'restart',
      crashed: true,
    });
    // A worker that ran long enough was healthy: counting starts over.
    expect(
      exitOutcome(code(1), { ...worker, ranForMs: 60_000, restarts: 5, crashes: 3 }, policy),
    ).toMatchObject({
      kind: 'restart',
      delayMs: 1000,
      restarts: 1,
      crashes: 1,
    });
  });

  it('calls a worker silent only when it owes heartbeats or has sent some', () => {
    const startedAt = new Date(now.getTime() - 10_000);
    expect(isSilent({ startedAt, lastHeartbeatAt: null, owesHeartbeats: true }, now, 5000)).toBe(true);
    expect(isSilent({ startedAt, lastHeartbeatAt: null, owesHeartbeats: false }, now, 5000)).toBe(false);
    const recent = new Date(now.getTime() - 1000);
    expect(isSilent({ startedAt, lastHeartbeatAt: recent, owesHeartbeats: true }, now, 5000)).toBe(false);
    const old = new Date(now.getTime() - 6000);
    expect(isSilent({ startedAt, lastHeartbeatAt: old, owesHeartbeats: false }, now, 5000)).toBe(true);
    // A heartbeat from before this worker started does not count against it.
    expect(
      isSilent(
        { startedAt: recent, lastHeartbeatAt: new Date(now.getTime() - 60_000), owesHeartbeats: true },
        now,
        5000,
      ),
    ).toBe(false);
  });
});

describe('worker names', () => {
  it('are valid DNS labels, unique per attempt and role', () => {
    const id = '01a21296-41d8-756d-a398-2fca41691666';
    expect(workerName('parser', id, 1)).toBe(`parser-${id}-1`);
    expect(workerName('manager', id, 1)).toBe(`bot-${id}-1`);
    expect(workerName('parser', id, 2)).not.toBe(workerName('parser', id, 1));
    const odd = workerName('parser', 'Account_With_A_Rather_Long_And_Odd_Identifier_Here', 123);
    expect(odd.length).toBeLessThanOrEqual(63);
    expect(odd).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });
});
