import { describe, expect, it } from 'vitest';
import { scriptFinished } from './script-finished';
import { AT_EN, AT_RU, book, ctx, event, expectNoUuid, HOSTILE, renderAll, seen } from './test-support';

const SFC = '0192f3a1-0000-7000-8000-00000000000a';
const CHAT = '0192f3a1-0000-7000-8000-00000000000c';
const names = book({
  runs: { [SFC]: { script: 'Flat talk', campaign: 'Spring' } },
  chats: { [CHAT]: 'Moscow flats' },
});
const base = { sfc_id: SFC, finished_at: '2025-03-25T11:03:07.000Z', problems: [] };

describe('script.finished', () => {
  it('states success in words (the original omitted it)', () => {
    const out = renderAll(scriptFinished, { ...base, status: 'done' as const }, names);
    expect(out.en).toBe(
      [
        '✅ Run finished: success',
        'Run: “Flat talk” (campaign “Spring”)',
        'Result: success',
        `Finished: ${AT_EN}`,
      ].join('\n'),
    );
    expect(out.ru).toBe(
      [
        '✅ Запуск завершён: успешно',
        'Запуск: «Flat talk» (кампания «Spring»)',
        'Результат: успех',
        `Завершён: ${AT_RU}`,
      ].join('\n'),
    );
    expect(scriptFinished.severity({ ...base, status: 'done' })).toBe('info');
    expectNoUuid(out.en + out.ru);
  });

  it('states failure, and lists problems with chat names', () => {
    const p = {
      ...base,
      status: 'failed' as const,
      problems: [
        { chat_id: CHAT, reason: 'cannot_write', text: 'cannot write' },
        { chat_id: null, reason: 'x', text: HOSTILE },
      ],
    };
    const out = renderAll(scriptFinished, p, names);
    expect(out.en).toContain('❌ Run failed\n');
    expect(out.en).toContain(
      'Result: failure\n2 problems:\n• “Moscow flats” — cannot write\n• no chat — <script>',
    );
    expect(out.ru).toContain('Результат: неудача\n2 проблемы:\n• «Moscow flats» — cannot write');
    expect(scriptFinished.severity(p)).toBe('error');
    expectNoUuid(out.en + out.ru + out.burstEn + out.burstRu);
  });

  it('tells done-with-problems and stopped apart from success', () => {
    const withProblems = {
      ...base,
      status: 'done' as const,
      problems: [{ chat_id: CHAT, reason: 'r', text: 't' }],
    };
    expect(renderAll(scriptFinished, withProblems, names).en).toContain('Result: partial success');
    expect(scriptFinished.severity(withProblems)).toBe('warning');
    expect(renderAll(scriptFinished, { ...base, status: 'stopped' as const }, names).ru).toContain(
      'Запуск остановлен оператором',
    );
  });

  it('summarises a burst with each run’s result', () => {
    const events = [
      event({ ...base, status: 'done' as const }),
      event({ ...base, status: 'failed' as const }),
    ];
    expect(seen(scriptFinished.heading(events, 2, ctx('en', names)))).toBe('🏁 2 runs finished, 1 failed:');
    expect(seen(scriptFinished.line(events[1]!, ctx('ru', names)))).toBe(
      '«Flat talk» (кампания «Spring») — неудача',
    );
  });
});
