import { describe, expect, it } from 'vitest';
import { scriptStarted } from './script-started';
import { AT_EN, AT_RU, book, expectNoUuid, HOSTILE, renderAll } from './test-support';

const SFC = '0192f3a1-0000-7000-8000-00000000000a';
const names = book({ runs: { [SFC]: { script: 'Flat talk', campaign: 'Spring' } } });
const chats = Array.from({ length: 7 }, (_, i) => ({ chat_id: `c${i}`, title: `Chat ${i}` }));

describe('script.started', () => {
  it('names the run and its first chats, with the start time', () => {
    const out = renderAll(
      scriptStarted,
      { sfc_id: SFC, chats, started_at: '2025-03-25T11:03:07.000Z', attempt: 1 },
      names,
    );
    expect(out.en).toBe(
      [
        '▶️ Run started: “Flat talk” (campaign “Spring”)',
        'Chats (7 chats): Chat 0, Chat 1, Chat 2, Chat 3, Chat 4 and 2 more',
        `At: ${AT_EN}`,
      ].join('\n'),
    );
    expect(out.ru).toBe(
      [
        '▶️ Запуск начат: «Flat talk» (кампания «Spring»)',
        'Чаты (7 чатов): Chat 0, Chat 1, Chat 2, Chat 3, Chat 4 и ещё 2',
        `Время: ${AT_RU}`,
      ].join('\n'),
    );
    expectNoUuid(out.en + out.ru + out.burstEn + out.burstRu);
  });

  it('names chats without a title from the registry', () => {
    const chat = '0192f3a1-0000-7000-8000-00000000000c';
    const p = {
      sfc_id: SFC,
      chats: [
        { chat_id: chat, title: null },
        { chat_id: 'x', title: null },
      ],
      started_at: '2025-03-25T11:03:07.000Z',
      attempt: 1,
    };
    expect(scriptStarted.refs(p)).toEqual({ runs: [SFC], chats: [chat, 'x'] });
    const out = renderAll(
      scriptStarted,
      p,
      book({
        runs: { [SFC]: { script: 'Flat talk', campaign: 'Spring' } },
        chats: { [chat]: 'Moscow flats' },
      }),
    );
    expect(out.en).toContain('Chats (2 chats): Moscow flats, x');
  });

  it('says when a restarted worker resumes', () => {
    const out = renderAll(
      scriptStarted,
      {
        sfc_id: SFC,
        chats: [{ chat_id: 'c', title: HOSTILE }],
        started_at: '2025-03-25T11:03:07.000Z',
        attempt: 2,
      },
      names,
    );
    expect(out.en).toContain('Run resumed');
    expect(out.en).toContain('Attempt 2: the worker was restarted');
    expect(out.ru).toContain('Запуск продолжен');
  });
});
