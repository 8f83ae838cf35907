import { describe, expect, it } from 'vitest';
import { applyStatusReport, unavailableReason } from './account-status';

const now = new Date('2025-01-01T10:00:00Z');
const later = new Date('2025-01-01T11:00:00Z');
const muchLater = new Date('2025-01-01T12:00:00Z');

describe('account status reports', () => {
  it('pause an account for a flood wait, keeping the longest wait', () => {
    expect(
      applyStatusReport(
        { status: 'active', floodWaitUntil: null },
        { status: 'flood_wait', until: later },
        now,
      ),
    ).toMatchObject({
      change: true,
      status: 'flood_wait',
      floodWaitUntil: later,
    });
    expect(
      applyStatusReport(
        { status: 'flood_wait', floodWaitUntil: muchLater },
        { status: 'flood_wait', until: later },
        now,
      ),
    ).toMatchObject({ floodWaitUntil: muchLater });
    expect(
      applyStatusReport(
        { status: 'active', floodWaitUntil: null },
        { status: 'flood_wait', until: now },
        now,
      ),
    ).toMatchObject({
      change: false,
    });
  });

  it('keep bans and admin stops', () => {
    expect(
      applyStatusReport({ status: 'banned', floodWaitUntil: null }, { status: 'active' }, now),
    ).toMatchObject({ change: false });
    expect(
      applyStatusReport(
        { status: 'stopped', floodWaitUntil: null },
        { status: 'flood_wait', until: later },
        now,
      ),
    ).toMatchObject({
      change: false,
    });
    expect(
      applyStatusReport({ status: 'stopped', floodWaitUntil: null }, { status: 'banned', reason: 'x' }, now),
    ).toMatchObject({
      change: true,
      status: 'banned',
    });
  });

  it('tell which accounts must not get work', () => {
    expect(unavailableReason({ status: 'banned', floodWaitUntil: null }, now)).toBe('is banned');
    expect(unavailableReason({ status: 'paused', floodWaitUntil: null }, now)).toBe('is paused');
    expect(unavailableReason({ status: 'flood_wait', floodWaitUntil: later }, now)).toMatch(
      /flood wait until/,
    );
    expect(unavailableReason({ status: 'flood_wait', floodWaitUntil: now }, later)).toBeNull();
    expect(unavailableReason({ status: 'limited', floodWaitUntil: null }, now)).toBeNull();
    expect(unavailableReason({ status: 'new', floodWaitUntil: null }, now)).toBeNull();
  });
});
