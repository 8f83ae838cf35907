// Send windows in the campaign's time zone (coolthing.md "Responsible outreach"). Pure: the
// instant to judge is always passed in.

/** A weekly window; `days` are ISO weekdays (1 = Monday) on which it starts; `end` before `start` runs past midnight. */
export interface SendWindow {
  days: number[];
  start: string;
  end: string;
}

export interface Schedule {
  timezone: string;
  windows: SendWindow[];
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock date, weekday and minute of `at` in `timeZone`. */
export function localTime(at: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: WEEKDAYS[parts.weekday!] ?? 1,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** Minutes `timeZone` is ahead of UTC at `at`. */
function offsetMinutes(at: Date, timeZone: string): number {
  const l = localTime(at, timeZone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, 0, l.minutes);
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The instant a wall-clock time in `timeZone` happens (the later reading across a DST change). */
export function zonedInstant(
  year: number,
  month: number,
  day: number,
  minutes: number,
  timeZone: string,
): Date {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  const first = wall - offsetMinutes(new Date(wall), timeZone) * 60_000;
  const second = wall - offsetMinutes(new Date(first), timeZone) * 60_000;
  return new Date(second);
}

export const minutesOfTime = (time: string): number => {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
};

const previousWeekday = (weekday: number) => (weekday === 1 ? 7 : weekday - 1);

/** True when `at` falls in one of the windows; no windows at all means no restriction. */
export function isOpen(at: Date, schedule: Schedule): boolean {
  if (schedule.windows.length === 0) return true;
  const l = localTime(at, schedule.timezone);
  return schedule.windows.some((w) => {
    const start = minutesOfTime(w.start);
    const end = minutesOfTime(w.end);
    if (start < end) return w.days.includes(l.weekday) && l.minutes >= start && l.minutes < end;
    // Overnight: the evening part on a listed day, the early part on the day after one.
    return (
      (w.days.includes(l.weekday) && l.minutes >= start) ||
      (w.days.includes(previousWeekday(l.weekday)) && l.minutes < end)
    );
  });
}

/**
 * The earliest instant at or after `at` inside a window, or null when the windows never open
 * (no weekday listed). Looks eight days ahead, enough for any weekly schedule.
 */
export function nextOpening(at: Date, schedule: Schedule): Date | null {
  if (isOpen(at, schedule)) return at;
  const today = localTime(at, schedule.timezone);
  let best: Date | null = null;
  for (let offset = 0; offset <= 8; offset++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    const weekday = ((today.weekday - 1 + offset) % 7) + 1;
    for (const w of schedule.windows) {
      if (!w.days.includes(weekday)) continue;
      const start = zonedInstant(
        date.getUTCFullYear(),
        date.getUTCMonth() + 1,
        date.getUTCDate(),
        minutesOfTime(w.start),
        schedule.timezone,
      );
      if (start.getTime() > at.getTime() && (!best || start < best)) best = start;
    }
    if (best) return best;
  }
  return best;
}

/** `YYYY-MM-DD` of `at` in `timeZone` (a campaign's day for its daily cap). */
export function localDayKey(at: Date, timeZone: string): string {
  const l = localTime(at, timeZone);
  return `${l.year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
}

/** The next local midnight after `at` in `timeZone`. */
export function nextLocalMidnight(at: Date, timeZone: string): Date {
  const l = localTime(at, timeZone);
  const next = new Date(Date.UTC(l.year, l.month - 1, l.day + 1));
  return zonedInstant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, timeZone);
}
