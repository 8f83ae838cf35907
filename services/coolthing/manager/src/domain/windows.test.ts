import { describe, expect, it } from 'vitest';
import { isOpen, localDayKey, nextLocalMidnight, nextOpening, zonedInstant, type Schedule } from './windows';

const at = (iso: string) => new Date(iso);
const weekdays: Schedule = {
  timezone: 'Europe/Moscow', // UTC+3, no DST
  windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }],
};

describe('send windows', () => {
  it('is open inside a window in the campaign time zone, closed outside', () => {
    // Monday 2025-03-03 10:00 Moscow = 07:00 UTC
    expect(isOpen(at('2025-03-03T07:00:00Z'), weekdays)).toBe(true);
    // 08:59 Moscow
    expect(isOpen(at('2025-03-03T05:59:00Z'), weekdays)).toBe(false);
    // 18:00 Moscow: the end is exclusive
    expect(isOpen(at('2025-03-03T15:00:00Z'), weekdays)).toBe(false);
    // Saturday noon
    expect(isOpen(at('2025-03-08T09:00:00Z'), weekdays)).toBe(false);
  });

  it('finds the next opening: later today, tomorrow, or after the weekend', () => {
    expect(nextOpening(at('2025-03-03T05:00:00Z'), weekdays)).toEqual(at('2025-03-03T06:00:00Z'));
    expect(nextOpening(at('2025-03-03T16:00:00Z'), weekdays)).toEqual(at('2025-03-04T06:00:00Z'));
    // Friday evening → Monday 09:00 Moscow
    expect(nextOpening(at('2025-03-07T16:00:00Z'), weekdays)).toEqual(at('2025-03-10T06:00:00Z'));
    // Inside a window: now
    expect(nextOpening(at('2025-03-03T07:30:00Z'), weekdays)).toEqual(at('2025-03-03T07:30:00Z'));
  });

  it('handles windows past midnight (the early part belongs to the day before)', () => {
    const nights: Schedule = { timezone: 'UTC', windows: [{ days: [5], start: '22:00', end: '02:00' }] };
    expect(isOpen(at('2025-03-07T23:00:00Z'), nights)).toBe(true); // Friday 23:00
    expect(isOpen(at('2025-03-08T01:30:00Z'), nights)).toBe(true); // Saturday 01:30
    expect(isOpen(at('2025-03-08T02:00:00Z'), nights)).toBe(false);
    expect(isOpen(at('2025-03-07T01:00:00Z'), nights)).toBe(false); // Friday 01:00: Thursday is not listed
    expect(nextOpening(at('2025-03-08T03:00:00Z'), nights)).toEqual(at('2025-03-14T22:00:00Z'));
  });

  it('follows daylight saving time', () => {
    const ny: Schedule = {
      timezone: 'America/New_York',
      windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '17:00' }],
    };
    // Before the March 9 2025 change: UTC-5; after: UTC-4
    expect(nextOpening(at('2025-03-07T12:00:00Z'), ny)).toEqual(at('2025-03-07T14:00:00Z'));
    expect(nextOpening(at('2025-03-10T12:00:00Z'), ny)).toEqual(at('2025-03-10T13:00:00Z'));
    expect(zonedInstant(2025, 3, 9, 12 * 60, 'America/New_York')).toEqual(at('2025-03-09T16:00:00Z'));
  });

  it('treats no windows as no restriction, and no listed weekday as never', () => {
    expect(isOpen(at('2025-03-08T03:00:00Z'), { timezone: 'UTC', windows: [] })).toBe(true);
    expect(
      nextOpening(at('2025-03-08T03:00:00Z'), {
        timezone: 'UTC',
        windows: [{ days: [], start: '09:00', end: '10:00' }],
      }),
    ).toBeNull();
  });

  it('names local days and finds local midnight', () => {
    expect(localDayKey(at('2025-03-03T22:30:00Z'), 'Europe/Moscow')).toBe('2025-03-04');
    expect(localDayKey(at('2025-03-03T22:30:00Z'), 'UTC')).toBe('2025-03-03');
    expect(nextLocalMidnight(at('2025-03-03T22:30:00Z'), 'Europe/Moscow')).toEqual(
      at('2025-03-04T21:00:00Z'),
    );
  });
});
