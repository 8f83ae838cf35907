import { describe, expect, it } from 'vitest';
import { scriptLineUnconfirmed } from './script-line-unconfirmed';
import { AT_EN, AT_RU, book, expectNoUuid, renderAll } from './test-support';

const SFC = '0192f3a1-0000-7000-8000-00000000000a';
const CHAT = '0192f3a1-0000-7000-8000-00000000000c';
const ACC = '0192f3a1-0000-7000-8000-000000000001';
const names = book({
  runs: { [SFC]: { script: 'Flat talk', campaign: 'Spring' } },
  chats: { [CHAT]: 'Moscow flats' },
  accounts: { [ACC]: '@demo_actor_1' },
});

describe('script.line_unconfirmed', () => {
  it('asks to check the chat, since the line is never sent twice', () => {
    const out = renderAll(
      scriptLineUnconfirmed,
      { sfc_id: SFC, chat_id: CHAT, line_no: 2, account_id: ACC, attempted_at: '2025-03-25T11:03:07.000Z' },
      names,
    );
    expect(out.en).toContain('❓ Line 2 unconfirmed in run “Flat talk” (campaign “Spring”)');
    expect(out.en).toContain(`Chat: “Moscow flats”; account: @demo_actor_1; sending began ${AT_EN}.`);
    expect(out.en).toContain('It is not sent again — check the chat.');
    expect(out.ru).toContain(`отправка начата ${AT_RU}`);
    expect(out.burstEn).toContain(
      '3 lines unconfirmed in run “Flat talk” (campaign “Spring”) — check the chats:',
    );
    expectNoUuid(out.en + out.ru + out.burstEn + out.burstRu);
  });
});
