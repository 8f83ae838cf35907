import { describe, expect, it } from 'vitest';
import { scriptRejected } from './script-rejected';
import { book, expectNoUuid, HOSTILE, renderAll } from './test-support';

const SFC = '0192f3a1-0000-7000-8000-00000000000a';
const names = book({ runs: { [SFC]: { script: 'Flat talk', campaign: 'Spring' } } });

describe('script.rejected', () => {
  it('names the run and lists why it was refused', () => {
    const out = renderAll(
      scriptRejected,
      { sfc_id: SFC, problems: ['account @a is banned', HOSTILE] },
      names,
    );
    expect(out.en).toContain(
      '🚫 Run refused: “Flat talk” (campaign “Spring”)\nProblems:\n• account @a is banned\n• <script>',
    );
    expect(out.ru).toContain('🚫 Запуск отклонён: «Flat talk» (кампания «Spring»)\nПричины:');
    expectNoUuid(out.en + out.ru + out.burstEn + out.burstRu);
  });
});
