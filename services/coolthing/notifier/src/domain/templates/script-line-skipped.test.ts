import { describe, expect, it } from 'vitest';
import { scriptLineSkipped } from './script-line-skipped';
import { book, expectNoUuid, renderAll } from './test-support';

const SFC = '0192f3a1-0000-7000-8000-00000000000a';
const CHAT = '0192f3a1-0000-7000-8000-00000000000c';
const ACC = '0192f3a1-0000-7000-8000-000000000001';
const names = book({
  runs: { [SFC]: { script: 'Flat talk', campaign: 'Spring' } },
  chats: { [CHAT]: 'Moscow flats' },
  accounts: { [ACC]: '@demo_actor_1' },
});

describe('script.line_skipped', () => {
  it('names the line, chat, account and reason', () => {
    const out = renderAll(
      scriptLineSkipped,
      {
        sfc_id: SFC,
        chat_id: CHAT,
        line_no: 4,
        account_id: ACC,
        reason: 'banned',
        reason_text_en: 'account banned',
        reason_text_ru: 'аккаунт заблокирован',
      },
      names,
    );
    expect(out.en).toBe(
      [
        '⚠️ Line 4 skipped in run “Flat talk” (campaign “Spring”)',
        'Chat: “Moscow flats”; account: @demo_actor_1',
        'Reason: account banned',
      ].join('\n'),
    );
    expect(out.ru).toContain('Причина: аккаунт заблокирован');
    expect(out.burstRu).toContain('Пропущены 3 строки в запуске');
    expectNoUuid(out.en + out.ru + out.burstEn + out.burstRu);
  });
});
