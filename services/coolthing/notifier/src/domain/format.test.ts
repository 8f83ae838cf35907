import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDuration, formatTime, pluralRu } from './format';

describe('formatDateTime', () => {
  const at = new Date('2025-03-25T21:03:07.000Z');

  it('prints the real date in the configured zone (the original printed 01.01.1900)', () => {
    expect(formatDateTime(at, 'ru', 'Europe/Moscow')).toBe('26.03.2025 00:03:07 UTC+3');
    expect(formatDateTime(at, 'en', 'Europe/Moscow')).toBe('26 Mar 2025, 00:03:07 UTC+3');
    expect(formatDateTime(at, 'ru', 'UTC')).toBe('25.03.2025 21:03:07 UTC');
    expect(formatDateTime(at, 'en', 'Asia/Kolkata')).toBe('26 Mar 2025, 02:33:07 UTC+5:30');
    expect(formatDateTime(at, 'en', 'America/New_York')).toBe('25 Mar 2025, 17:03:07 UTC-4');
    expect(formatDateTime(at, 'ru', 'Europe/Moscow')).not.toContain('1900');
  });

  it('says so when the time is unknown', () => {
    expect(formatDateTime(new Date('nonsense'), 'en', 'UTC')).toBe('unknown time');
    expect(formatTime(at, 'Europe/Moscow')).toBe('00:03:07');
  });
});

describe('formatDuration and plurals', () => {
  it('reads naturally', () => {
    expect(formatDuration(45, 'en')).toBe('45 s');
    expect(formatDuration(720, 'ru')).toBe('12 мин');
    expect(formatDuration(3900, 'en')).toBe('1 h 5 min');
    expect(formatDuration(2 * 86_400 + 3 * 3600 + 60, 'ru')).toBe('2 д 3 ч');
  });

  it('chooses Russian plural forms', () => {
    const form = (n: number) => pluralRu(n, 'чат', 'чата', 'чатов');
    expect([1, 2, 5, 11, 12, 21, 22, 25, 111, 104].map(form)).toEqual([
      'чат',
      'чата',
      'чатов',
      'чатов',
      'чатов',
      'чат',
      'чата',
      'чатов',
      'чатов',
      'чата',
    ]);
  });
});
