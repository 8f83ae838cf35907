import { describe, expect, it } from 'vitest';
import { inOrder, offerRequest, replyRequest, type LeadFacts } from './prompts';

const lead: LeadFacts = {
  firstName: 'Anna',
  lastName: 'Petrova',
  username: 'anna_p',
  bio: 'Designer, looking for a quiet place to work',
  message: 'Does anyone know a coworking near Tverskaya?',
  chatTitle: 'Moscow Freelancers',
  keywords: ['coworking'],
  language: 'en',
};
const campaign = {
  name: 'Hive',
  brief: 'Hive Coworking: 24/7 desks from 9,000 RUB a month near Tverskaya.',
  welcomeTemplate: null,
};
const settings = {
  model: 'gpt-test',
  systemPrompt: "You are Hive's manager.",
  temperature: 0.4,
  maxTokens: 300,
};

describe('prompts', () => {
  it("carries the brief, the lead's message and profile", () => {
    const req = offerRequest({ seed: 'l1', lead, campaign, settings });
    expect(req).toMatchObject({ model: 'gpt-test', temperature: 0.4, maxTokens: 300 });
    const [system, user] = req.messages;
    expect(system!.role).toBe('system');
    expect(system!.content).toContain("You are Hive's manager.");
    expect(system!.content).toContain(campaign.brief);
    expect(system!.content).toContain('write in English');
    expect(user!.content).toContain(lead.message);
    expect(user!.content).toContain('Anna Petrova');
    expect(user!.content).toContain('@anna_p');
    expect(user!.content).toContain(lead.bio);
    expect(user!.content).toContain('Moscow Freelancers');
    expect(user!.content).toContain('coworking');
  });

  it('asks for Russian for Russian leads and passes the welcome template', () => {
    const req = offerRequest({
      seed: 'l1',
      lead: { ...lead, language: 'ru' },
      campaign: { ...campaign, welcomeTemplate: 'Привет, {{first_name}}!' },
      settings,
    });
    expect(req.messages[0]!.content).toContain('write in Russian');
    expect(req.messages[0]!.content).toContain('Привет, {{first_name}}!');
  });

  it('gives the conversation in order: the person as user, us as assistant', () => {
    const t = (m: number) => new Date(Date.UTC(2025, 2, 3, 10, m));
    const history = [
      { direction: 'out' as const, text: 'offer', at: t(0) },
      { direction: 'in' as const, text: 'how much?', at: t(1) },
      { direction: 'in' as const, text: 'and where?', at: t(2) },
    ];
    const req = replyRequest({ seed: 'l1', lead, campaign, settings, history });
    expect(req.messages.map((m) => [m.role, m.content])).toEqual([
      ['system', expect.stringContaining(campaign.brief)],
      ['assistant', 'offer'],
      ['user', 'how much?'],
      ['user', 'and where?'],
    ]);
  });

  it('puts messages read in any order back in time order (the original read an unordered LIMIT 10)', () => {
    const t = (m: number) => new Date(Date.UTC(2025, 2, 3, 10, m));
    const scrambled = [
      { seq: 3, at: t(5), text: 'c' },
      { seq: 1, at: t(1), text: 'a' },
      { seq: 4, at: t(5), text: 'd' },
      { seq: 2, at: t(2), text: 'b' },
    ];
    expect(inOrder(scrambled).map((m) => m.text)).toEqual(['a', 'b', 'c', 'd']);
  });
});
