import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeadReplied, NewTargetMessage } from '@switchyard/contracts';
import { startFakeOpenAi, type FakeOpenAi } from '@switchyard/llm/testing';
import { sleep } from '@switchyard/testing';
import { account, campaign, lead, startHarness, waitFor, type Harness } from './support';

describe('manager with an OpenAI-compatible model (a local fake server)', () => {
  let h: Harness;
  let fake: FakeOpenAi;
  const profile = (baseUrl: string) => ({
    id: 'llm-1',
    name: 'Fake GPT',
    baseUrl,
    model: 'gpt-test',
    apiKey: 'sk-test-123',
    systemPrompt: 'You are the friendly manager of Hive Coworking.',
    temperature: 0.3,
    maxTokens: 200,
  });

  beforeAll(async () => {
    fake = await startFakeOpenAi({
      kind: 'answer',
      text: 'Hi Anna! We have quiet desks near you. Interested?',
    });
    h = await startHarness({
      env: { MANAGER_LLM_ATTEMPTS: '3', MANAGER_LLM_TIMEOUT_MS: '400', MANAGER_HISTORY_LIMIT: '5' },
    });
    h.admin.set(campaign('llm-c', { llmProfile: profile(fake.baseUrl), accounts: [account('llm-a1')] }));
  });
  afterAll(async () => {
    await h?.stop();
    await fake?.close();
  });

  const offerRequests = () =>
    fake.requests.filter((r) => r.body.messages.at(-1)?.content.startsWith('Write the first'));

  it("the prompt carries the brief, the lead's message and profile; the answer becomes the offer", async () => {
    const before = fake.requests.length;
    const l = lead('llm-c', {
      first_name: 'Anna',
      bio: 'Freelance illustrator',
      message: 'Need a desk near Tverskaya, any tips?',
    });
    await h.publish(NewTargetMessage, l);
    const request = await waitFor(() => h.requests.find((r) => r.user_id === l.user_id));
    expect(request.text).toBe('Hi Anna! We have quiet desks near you. Interested?');
    const sent = fake.requests[before]!;
    expect(sent.authorization).toBe('Bearer sk-test-123');
    expect(sent.body).toMatchObject({ model: 'gpt-test', temperature: 0.3, max_tokens: 200 });
    const [system, user] = sent.body.messages;
    expect(system!.role).toBe('system');
    expect(system!.content).toContain('You are the friendly manager of Hive Coworking.');
    expect(system!.content).toContain('Hive Coworking: quiet desks 24/7 near the centre');
    expect(user!.content).toContain('Need a desk near Tverskaya, any tips?');
    expect(user!.content).toContain('Anna Petrova');
    expect(user!.content).toContain(`@${l.username}`);
    expect(user!.content).toContain('Freelance illustrator');
    expect(user!.content).toContain('coworking');
    const view = await h.lead(request.lead_id);
    expect(view.draft).toMatchObject({ source: 'openai-compatible', model: 'gpt-test', attempts: 1 });
  });

  it('retries retryable failures with backoff, then drafts', async () => {
    fake.enqueue(
      { kind: 'status', status: 503 },
      { kind: 'hang' },
      { kind: 'answer', text: 'Third time lucky.' },
    );
    const l = lead('llm-c');
    await h.publish(NewTargetMessage, l);
    const request = await waitFor(() => h.requests.find((r) => r.user_id === l.user_id), {
      message: 'the offer',
    });
    expect(request.text).toBe('Third time lucky.');
    expect((await h.lead(request.lead_id)).draft.attempts).toBe(3);
  });

  it('parks the lead with a visible reason after the last try, never loses it; a retry drafts it', async () => {
    fake.setDefault({ kind: 'status', status: 502, message: 'bad gateway' });
    const l = lead('llm-c');
    const before = offerRequests().length;
    await h.publish(NewTargetMessage, l);
    const id = await h.leadIdOf(l.user_id);
    const parked = await h.waitLead(id, (x) => x.status === 'failed');
    expect(parked.statusReason).toMatch(/^the model failed 3 times: model endpoint answered 502/);
    expect(parked.draft).toMatchObject({ attempts: 3, text: null, lastError: expect.stringMatching(/502/) });
    expect(offerRequests().length - before).toBe(3);
    expect(h.requests.filter((r) => r.user_id === l.user_id)).toHaveLength(0);
    // Still listed among the failed, with its reason.
    const failed = await h.api('GET', '/leads?campaignId=llm-c&status=failed', { as: 'viewer' });
    expect(failed.body.items.map((x: any) => x.id)).toContain(id);

    fake.setDefault({ kind: 'answer', text: 'Back online, hello!' });
    expect((await h.api('POST', `/leads/${id}/draft/retry`)).status).toBe(200);
    const request = await waitFor(() => h.requests.find((r) => r.user_id === l.user_id), {
      message: 'the offer after the retry',
    });
    expect(request.text).toBe('Back online, hello!');
  });

  it('a refusal that cannot pass (401) parks the lead at once', async () => {
    fake.enqueue({ kind: 'status', status: 401, message: 'invalid api key' });
    const l = lead('llm-c');
    await h.publish(NewTargetMessage, l);
    const id = await h.leadIdOf(l.user_id);
    const parked = await h.waitLead(id, (x) => x.status === 'failed');
    expect(parked.statusReason).toMatch(/^the model refused the request: model endpoint answered 401/);
    expect(parked.draft.attempts).toBe(1);
  });

  it('answers with the conversation in time order (the original read an unordered LIMIT 10)', async () => {
    const l = lead('llm-c');
    await h.publish(NewTargetMessage, l);
    const offer = await waitFor(() => h.requests.find((r) => r.user_id === l.user_id));
    await h.deliver(offer, 1);
    await h.waitLead(offer.lead_id, (x) => x.status === 'contacted');
    const base = Date.now();
    const reply = (n: number, text: string) =>
      h.publish(LeadReplied, {
        account_id: offer.account_id,
        user_id: l.user_id,
        username: l.username,
        telegram_message_id: 100 + n,
        text,
        received_at: new Date(base + n * 1000).toISOString(),
      });
    const before = fake.requests.length;
    // Stored out of order: later messages first.
    await reply(6, 'six');
    await reply(2, 'two');
    await reply(5, 'five');
    await reply(1, 'one');
    await reply(4, 'four');
    await reply(3, 'three');
    const answer = await waitFor(
      () => h.requests.find((r) => r.user_id === l.user_id && r.kind === 'reply'),
      {
        message: 'the answer',
      },
    );
    const prompt = fake.requests.slice(before).find((r) => r.body.messages.at(-1)?.role === 'user')!;
    // The last five (MANAGER_HISTORY_LIMIT), oldest first; the offer fell out of the window.
    expect(prompt.body.messages.slice(1).map((m) => [m.role, m.content])).toEqual([
      ['user', 'two'],
      ['user', 'three'],
      ['user', 'four'],
      ['user', 'five'],
      ['user', 'six'],
    ]);
    expect(answer.text).toBe('Back online, hello!');
    const view = await h.lead(offer.lead_id);
    expect(view.status).toBe('replied');
    expect(view.conversation.map((m: any) => m.text)).toEqual([
      offer.text,
      'one',
      'two',
      'three',
      'four',
      'five',
      'six',
    ]);
    // One batch, one answer.
    await sleep(500);
    expect(h.requests.filter((r) => r.user_id === l.user_id && r.kind === 'reply')).toHaveLength(1);
  });
});
