import { describe, expect, it } from 'vitest';
import { serviceError } from './service-error';
import { AT_EN, HOSTILE, renderAll } from './test-support';

describe('service.error', () => {
  it('shows the message and its context', () => {
    const out = renderAll(serviceError, {
      service: 'manager',
      message: 'LLM timed out',
      context: { campaign: 'Spring', attempt: '3' },
    });
    expect(out.en).toBe(
      ['❌ Error in manager', 'LLM timed out', 'Context: campaign=Spring, attempt=3', `At: ${AT_EN}`].join(
        '\n',
      ),
    );
    expect(out.ru).toContain('❌ Ошибка в сервисе manager');
    expect(out.burstRu).toContain('❌ 3 ошибки в сервисе manager:');
  });

  it('escapes message and context', () => {
    const out = renderAll(serviceError, {
      service: 'bot',
      message: HOSTILE,
      context: { [HOSTILE.slice(0, 20)]: HOSTILE },
    });
    expect(out.en).toContain('<script>alert("x")</script>');
  });
});
