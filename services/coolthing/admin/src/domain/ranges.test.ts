import { describe, expect, it } from 'vitest';
import { formatRange, parseRangeText, rangeProblem } from './ranges';
import { isTimeZone, scheduleProblems } from './schedule';
import { joinProxy, proxyProblem, splitProxy } from './proxy';

describe('delay ranges', () => {
  it('read "min-max" and a fixed "n", and nothing else', () => {
    expect(parseRangeText('180-300')).toEqual({ min: 180, max: 300 });
    expect(parseRangeText(' 15 - 30 ')).toEqual({ min: 15, max: 30 });
    expect(parseRangeText('45')).toEqual({ min: 45, max: 45 });
    for (const bad of ['', 'soon', '1-2-3', '-5', '5-', '1.5-3', '180–300'])
      expect(parseRangeText(bad), bad).toBeNull();
  });

  it('refuse reversed, negative, fractional and too long ranges', () => {
    expect(rangeProblem({ min: 300, max: 180 })).toMatch(/min must not exceed max/);
    expect(rangeProblem({ min: -1, max: 5 })).toMatch(/negative/);
    expect(rangeProblem({ min: 1.5, max: 5 })).toMatch(/whole/);
    expect(rangeProblem({ min: 1, max: 10 }, 5)).toMatch(/exceed 5/);
    expect(rangeProblem({ min: 0, max: 0 })).toBeNull();
    expect(formatRange({ min: 15, max: 30 })).toBe('15-30');
  });
});

describe('schedules', () => {
  it('know IANA zones and check windows', () => {
    expect(isTimeZone('Europe/Moscow')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(
      scheduleProblems({ timezone: 'UTC', windows: [{ days: [1, 2], start: '22:00', end: '02:00' }] }),
    ).toEqual([]);
    expect(
      scheduleProblems({ timezone: 'Nowhere', windows: [{ days: [1, 1], start: '9:00', end: '10:00' }] }).map(
        (p) => p.path,
      ),
    ).toEqual(['timezone', 'windows.0.start', 'windows.0.days']);
    expect(
      scheduleProblems({ timezone: 'UTC', windows: [{ days: [3], start: '10:00', end: '10:00' }] })[0]!.path,
    ).toBe('windows.0.end');
  });
});

describe('proxies', () => {
  it('keep the password apart from what may be shown, and put them back together for the port', () => {
    const { proxy, secret } = splitProxy({
      type: 'socks5',
      host: 'h',
      port: 1080,
      username: 'u',
      password: 'p',
    });
    expect(proxy).toEqual({ type: 'socks5', host: 'h', port: 1080, username: 'u' });
    expect(secret).toBe('p');
    expect(joinProxy(proxy, secret)).toEqual({
      type: 'socks5',
      host: 'h',
      port: 1080,
      username: 'u',
      password: 'p',
    });
    const mt = splitProxy({
      type: 'mtproxy',
      host: 'm',
      port: 443,
      secret: 'ee00112233445566778899aabbccddeeff',
    });
    expect(mt.proxy).toEqual({ type: 'mtproxy', host: 'm', port: 443 });
    expect(joinProxy(mt.proxy, mt.secret)).toMatchObject({ type: 'mtproxy', secret: mt.secret });
    expect(joinProxy({ type: 'http', host: 'h', port: 1, tls: true }, null)).toEqual({
      type: 'http',
      host: 'h',
      port: 1,
      tls: true,
    });
  });

  it('accept a proxy without credentials (the original required user:pass)', () => {
    expect(proxyProblem({ type: 'socks5', host: 'h', port: 1 })).toBeNull();
    expect(proxyProblem({ type: 'mtproxy', host: 'h', port: 1 })).toMatch(/secret/);
    expect(proxyProblem({ type: 'http', host: 'h', port: 1, password: 'p' })).toMatch(/username/);
    expect(proxyProblem({ type: 'socks5', host: 'h', port: 1, secret: 'abcdefabcdefabcdef' })).toMatch(
      /MTProxy/,
    );
  });
});
