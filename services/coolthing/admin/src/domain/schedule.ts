// Send windows with a time zone. Validation only: when a message may go out is decided by the
// services that send (they read the campaign through the internal API).
import type { Schedule, SendWindow } from './types';

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for IANA zone names the runtime knows (`Europe/Moscow`, `UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const minutesOf = (time: string): number => {
  const match = TIME.exec(time);
  if (!match) return Number.NaN;
  return Number(match[1]) * 60 + Number(match[2]);
};

/** Problems of one window, as `{ path, message }` relative to the window. */
export function windowProblems(window: SendWindow): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (!TIME.test(window.start)) problems.push({ path: 'start', message: 'expected HH:MM (00:00-23:59)' });
  if (!TIME.test(window.end)) problems.push({ path: 'end', message: 'expected HH:MM (00:00-23:59)' });
  if (problems.length === 0 && window.start === window.end)
    problems.push({ path: 'end', message: 'a window must not start and end at the same time' });
  if (window.days.length === 0) problems.push({ path: 'days', message: 'at least one weekday' });
  if (new Set(window.days).size !== window.days.length)
    problems.push({ path: 'days', message: 'each weekday once' });
  return problems;
}

export function scheduleProblems(schedule: Schedule): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (!isTimeZone(schedule.timezone))
    problems.push({ path: 'timezone', message: `unknown time zone ${JSON.stringify(schedule.timezone)}` });
  schedule.windows.forEach((w, i) =>
    problems.push(...windowProblems(w).map((p) => ({ path: `windows.${i}.${p.path}`, message: p.message }))),
  );
  return problems;
}
