import { describe, expect, it } from 'vitest';
import { scriptStalled } from './script-stalled';
import { AT_EN, AT_RU, book, expectNoUuid, renderAll } from './test-support';

const SFC = '0192f3a1-0000-7000-8000-00000000000a';
const names = book({ runs: { [SFC]: { script: 'Flat talk', campaign: 'Spring' } } });

describe('script.stalled', () => {
  it('says how long the run has been silent and when it was last heard', () => {
    const out = renderAll(
      scriptStalled,
      { sfc_id: SFC, silent_for_seconds: 720, last_event_at: '2025-03-25T11:03:07.000Z' },
      names,
    );
    expect(out.en).toContain('⏳ Run stalled: “Flat talk” (campaign “Spring”)');
    expect(out.en).toContain(`No progress for 12 min; last event: ${AT_EN}.`);
    expect(out.ru).toContain(`Нет прогресса уже 12 мин; последнее событие: ${AT_RU}.`);
    expectNoUuid(out.en + out.ru + out.burstEn + out.burstRu);
  });

  it('copes with a run that never reported anything', () => {
    const out = renderAll(scriptStalled, { sfc_id: SFC, silent_for_seconds: 45, last_event_at: null }, names);
    expect(out.en).toContain('No progress for 45 s; last event: none yet.');
    expect(out.ru).toContain('последнее событие: событий не было.');
  });
});
