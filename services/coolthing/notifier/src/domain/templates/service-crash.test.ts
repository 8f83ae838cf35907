import { describe, expect, it } from 'vitest';
import { serviceCrash } from './service-crash';
import { AT_EN, AT_RU, HOSTILE, renderAll } from './test-support';

describe('service.crash', () => {
  it('names the service, the reason and the time', () => {
    const out = renderAll(serviceCrash, { service: 'scripts-worker', reason: 'out of memory' });
    expect(out.en).toBe(
      ['🔥 Service scripts-worker crashed', 'Reason: out of memory', `At: ${AT_EN}`].join('\n'),
    );
    expect(out.ru).toBe(
      ['🔥 Сбой сервиса scripts-worker', 'Причина: out of memory', `Время: ${AT_RU}`].join('\n'),
    );
    expect(out.burstEn).toContain('🔥 Service scripts-worker crashed 3 times:\n14:03:07 — out of memory');
    expect(serviceCrash.severity({ service: 'x', reason: '' })).toBe('critical');
  });

  it('escapes stack traces', () => {
    const out = renderAll(serviceCrash, {
      service: 'manager',
      reason: `Error: ${HOSTILE}\n    at <anonymous>`,
    });
    expect(out.en).toContain('at <anonymous>');
  });
});
