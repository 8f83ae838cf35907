import { describe, expect, it } from 'vitest';
import { deliveryFailed } from './delivery-failed';
import { AT_RU, book, expectNoUuid, HOSTILE, renderAll } from './test-support';

const CAMPAIGN = '0192f3a1-0000-7000-8000-0000000000ca';
const ACC = '0192f3a1-0000-7000-8000-000000000003';
const names = book({ campaigns: { [CAMPAIGN]: 'Flats in Kazan' }, accounts: { [ACC]: '@demo_manager_1' } });
const p = {
  outbound_id: 'o1',
  lead_id: 'l1',
  campaign_id: CAMPAIGN,
  account_id: ACC,
  user_id: '555',
  reason: 'privacy_restricted',
  detail: 'USER_PRIVACY_RESTRICTED',
  retryable: false,
  failed_at: '2025-03-25T11:03:07.000Z',
};

describe('delivery.failed', () => {
  it('names the campaign and account, the reason, and whether it is retried', () => {
    const out = renderAll(deliveryFailed, p, names);
    expect(out.en).toContain('📭 Private message not delivered — campaign “Flats in Kazan”');
    expect(out.en).toContain(
      'From @demo_manager_1 to user 555: privacy_restricted (USER_PRIVACY_RESTRICTED)',
    );
    expect(out.en).toContain('It will not be retried.');
    expect(out.ru).toContain(`Больше попыток не будет. ${AT_RU}`);
    expect(deliveryFailed.severity(p)).toBe('error');
    expect(deliveryFailed.severity({ ...p, retryable: true })).toBe('warning');
    expect(out.burstRu).toContain('3 личных сообщения не доставлены — кампания «Flats in Kazan»:');
    expectNoUuid(out.en + out.ru + out.burstEn + out.burstRu);
  });

  it('escapes the detail', () => {
    expect(renderAll(deliveryFailed, { ...p, detail: HOSTILE }, names).en).toContain('(<script>');
  });
});
