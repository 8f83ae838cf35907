import { describe, expect, it } from 'vitest';
import { custom } from './custom';
import { HOSTILE, renderAll } from './test-support';

describe('custom', () => {
  it('sends the operator’s text as written, never as markup', () => {
    const out = renderAll(custom, { text: `Deploy at 18:00\n${HOSTILE}`, severity: 'warning', by: 'u1' });
    expect(out.en).toBe(`⚠️ Operator message\nDeploy at 18:00\n${HOSTILE}`);
    expect(out.ru).toBe(`⚠️ Сообщение оператора\nDeploy at 18:00\n${HOSTILE}`);
    expect(custom.severity({ text: 'x', severity: 'critical', by: 'u' })).toBe('critical');
  });
});
