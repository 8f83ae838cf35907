import { describe, expect, it } from 'vitest';
import { exitVerdict, restartDelayMs } from './backoff';
import { workerName } from './names';

describe('restart backoff', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => restartDelayMs(n, 1000, 10_000))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });

  it('calls an exit without ScriptFinished a crash, whatever its code', () => {
    const base = { control: 'run' as const, restarts: 0, maxRestarts: 2 };
    expect(exitVerdict({ ...base, finishStatus: 'done' })).toBe('finished');
    expect(exitVerdict({ ...base, finishStatus: null })).toBe('restart');
    expect(exitVerdict({ ...base, finishStatus: null, restarts: 2 })).toBe('fail');
    expect(exitVerdict({ ...base, finishStatus: null, control: 'stop' })).toBe('stopped');
    // Gone with its watchdog (process driver): started again, not counted.
    expect(exitVerdict({ ...base, finishStatus: null, restarts: 2, crashed: false })).toBe('restart');
  });
});

describe('worker names', () => {
  it('are valid DNS labels, unique per attempt, short for long ids', () => {
    const uuid = '0198f0a2-7c4e-7000-8000-00000000abcd';
    expect(workerName(uuid, 1)).toBe(`scripts-worker-${uuid}-1`);
    expect(workerName(uuid, 2)).not.toBe(workerName(uuid, 1));
    const long = workerName('A_Very_Long_Run_Identifier_With_Underscores_And_More_Characters', 12);
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    expect(workerName('Run_1', 1)).not.toBe(workerName('run-1', 1));
  });
});
