import { describe, expect, it } from 'vitest';
import { applyRunEvent, controlOutcome, type RunState } from './run-status';

const at = new Date('2025-01-01T10:00:00Z');
const state = (s: Partial<RunState>): RunState => ({
  status: 'queued',
  finishedAt: null,
  startedAt: null,
  ...s,
});

describe('run controls', () => {
  it('pause, resume and stop only where they make sense', () => {
    expect(controlOutcome(state({}), 'pause')).toEqual({ status: 'paused' });
    expect(controlOutcome(state({ status: 'paused' }), 'resume')).toEqual({ status: 'queued' });
    expect(controlOutcome(state({ status: 'paused', startedAt: at }), 'resume')).toEqual({
      status: 'running',
    });
    expect(controlOutcome(state({ status: 'running' }), 'resume')).toHaveProperty('problem');
    expect(controlOutcome(state({ status: 'paused' }), 'pause')).toHaveProperty('problem');
    expect(controlOutcome(state({ status: 'stalled' }), 'stop')).toEqual({ status: 'stopped' });
    expect(controlOutcome(state({ status: 'stopped' }), 'pause')).toHaveProperty('problem');
    expect(controlOutcome(state({ status: 'done', finishedAt: at }), 'stop')).toHaveProperty('problem');
  });
});

describe('the status projection', () => {
  it('runs, stalls, recovers and finishes', () => {
    expect(applyRunEvent(state({}), { kind: 'started', at, attempt: 1 })).toEqual({
      status: 'running',
      statusReason: null,
      attempt: 1,
      startedAt: at,
    });
    expect(
      applyRunEvent(state({ status: 'running', startedAt: at }), {
        kind: 'stalled',
        at,
        silentForSeconds: 90,
      }),
    ).toMatchObject({
      status: 'stalled',
    });
    expect(
      applyRunEvent(state({ status: 'stalled', startedAt: at }), { kind: 'progress', at }),
    ).toMatchObject({ status: 'running' });
    expect(applyRunEvent(state({ status: 'running' }), { kind: 'progress', at })).toEqual({});
    expect(applyRunEvent(state({ status: 'running' }), { kind: 'finished', at, status: 'done' })).toEqual({
      status: 'done',
      finishedAt: at,
    });
  });

  it('keeps a pause through a restart and a stall', () => {
    expect(
      applyRunEvent(state({ status: 'paused', startedAt: at }), { kind: 'started', at, attempt: 2 }),
    ).toMatchObject({ status: 'paused' });
    expect(applyRunEvent(state({ status: 'paused' }), { kind: 'stalled', at, silentForSeconds: 1 })).toEqual(
      {},
    );
  });

  it('lets a crashed run come back, but nothing revives an ended one', () => {
    const crashed = applyRunEvent(state({ status: 'running', startedAt: at }), {
      kind: 'crashed',
      at,
      reason: 'OOM',
    });
    expect(crashed).toEqual({ status: 'failed', statusReason: 'OOM' });
    expect(
      applyRunEvent(state({ status: 'failed', startedAt: at }), { kind: 'started', at, attempt: 2 }),
    ).toMatchObject({ status: 'running' });
    const done = state({ status: 'done', finishedAt: at });
    for (const e of [
      { kind: 'started', at, attempt: 3 },
      { kind: 'progress', at },
      { kind: 'stalled', at, silentForSeconds: 5 },
      { kind: 'crashed', at, reason: 'x' },
    ] as const)
      expect(applyRunEvent(done, e)).toEqual({});
  });

  it('records the finish of a run an operator stopped, once', () => {
    expect(applyRunEvent(state({ status: 'stopped' }), { kind: 'finished', at, status: 'stopped' })).toEqual({
      finishedAt: at,
    });
    expect(
      applyRunEvent(state({ status: 'stopped', finishedAt: at }), { kind: 'finished', at, status: 'done' }),
    ).toEqual({});
  });

  it('fails a rejected run with the reasons', () => {
    expect(applyRunEvent(state({}), { kind: 'rejected', at, problems: ['a', 'b'] })).toEqual({
      status: 'failed',
      statusReason: 'a; b',
      finishedAt: at,
    });
  });
});
