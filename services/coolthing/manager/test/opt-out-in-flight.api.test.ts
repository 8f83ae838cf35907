import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeadOptedOut, NewTargetMessage } from '@switchyard/contracts';
import { startFakeOpenAi, type FakeOpenAi } from '@switchyard/llm/testing';
import { sleep } from '@switchyard/testing';
import { account, campaign, lead, startHarness, waitFor, type Harness } from './support';

describe('manager: an opt-out while the model is drafting', () => {
  let h: Harness;
  let fake: FakeOpenAi;

  beforeAll(async () => {
    // The model hangs: the draft job holds the lead until its call times out.
    fake = await startFakeOpenAi({ kind: 'hang' });
    h = await startHarness({ env: { MANAGER_LLM_ATTEMPTS: '1', MANAGER_LLM_TIMEOUT_MS: '2500' } });
    h.admin.set(
      campaign('fly-c', {
        approvalMode: 'review',
        llmProfile: {
          id: 'llm-fly',
          name: 'Slow GPT',
          baseUrl: fake.baseUrl,
          model: 'gpt-test',
          apiKey: 'sk-test-123',
          systemPrompt: 'You are the friendly manager of Hive Coworking.',
          temperature: 0.3,
          maxTokens: 200,
        },
        accounts: [account('fly-a1')],
      }),
    );
  });
  afterAll(async () => {
    await h?.stop();
    await fake?.close();
  });

  it('the draft that ends afterwards (here: fails) leaves the lead opted out', async () => {
    const l = lead('fly-c');
    await h.publish(NewTargetMessage, l);
    await waitFor(() => fake.requests.length > 0 || null, { message: 'the model call' });
    const leadId = await h.leadIdOf(l.user_id);
    await h.publish(LeadOptedOut, {
      user_id: l.user_id,
      account_id: 'fly-a1',
      phrase: 'stop',
      at: new Date().toISOString(),
    });
    await h.waitLead(leadId, (x) => x.status === 'opted_out');
    // The call times out and the draft job, with no tries left, would fail the lead.
    await sleep(3500);
    const view = await h.lead(leadId);
    expect(view).toMatchObject({ status: 'opted_out', statusReason: 'opted out: "stop"' });
    expect(h.requests.filter((r) => r.user_id === l.user_id)).toEqual([]);
  });
});
