import { describe, expect, it } from 'vitest';
import { scriptCrashed } from './script-crashed';
import { AT_EN, book, ctx, event, expectNoUuid, HOSTILE, renderAll, seen } from './test-support';

const SFC = '0192f3a1-0000-7000-8000-00000000000a';
const names = book({ runs: { [SFC]: { script: 'Flat talk', campaign: null } } });

describe('script.crashed', () => {
  it('names the run, shows the reason as code and the restarts', () => {
    const out = renderAll(
      scriptCrashed,
      { sfc_id: SFC, reason: 'TypeError: x is undefined', restarts: 2 },
      names,
    );
    expect(out.en).toContain('💥 Run worker crashed: “Flat talk”');
    expect(out.en).toContain('Reason: TypeError: x is undefined');
    expect(out.en).toContain('Restarts so far: 2.');
    expect(out.en).toContain(`At: ${AT_EN}`);
    expect(out.ru).toContain('💥 Сбой исполнителя запуска: «Flat talk»');
    expectNoUuid(out.en + out.ru + out.burstEn + out.burstRu);
  });

  it('escapes the reason and lists crashes of a burst by time', () => {
    renderAll(scriptCrashed, { sfc_id: SFC, reason: HOSTILE, restarts: 0 }, names);
    const e = event({ sfc_id: SFC, reason: 'boom', restarts: 1 });
    expect(seen(scriptCrashed.line(e, ctx('en', names)))).toBe('14:03:07 — boom');
    expect(seen(scriptCrashed.heading([e], 3, ctx('ru', names)))).toBe(
      '💥 Исполнитель запуска «Flat talk» упал 3 раза:',
    );
  });
});
