import { describe, expect, it } from 'vitest';
import { OfflineLlm } from '@switchyard/llm';
import { briefLine, composeOffline, renderTemplate } from './composer';
import { offerRequest, replyRequest, type ComposerContext, type LeadFacts } from './prompts';

const lead: LeadFacts = {
  firstName: 'Анна',
  lastName: null,
  username: 'anna',
  bio: null,
  message: 'Ищу коворкинг рядом с Тверской',
  chatTitle: 'Фрилансеры Москвы',
  keywords: ['коворкинг'],
  language: 'ru',
};
const campaign = {
  name: 'Hive',
  brief: 'Коворкинг Hive: места 24/7 от 9000 рублей в месяц. Первый день бесплатно.',
  welcomeTemplate: null,
};
const settings = { model: 'm', systemPrompt: '', temperature: 0.7, maxTokens: 200 };

describe('offline composer', () => {
  it('writes a Russian offer from the brief, the message and the profile, the same every time', async () => {
    const req = offerRequest({ seed: 'lead-1', lead, campaign, settings });
    const text = composeOffline(req);
    expect(text).toContain('Анна');
    expect(text).toContain('«Фрилансеры Москвы»');
    expect(text).toContain('«коворкинг»');
    expect(text).toContain('Коворкинг Hive: места 24/7 от 9000 рублей в месяц.');
    expect(text).not.toContain('Первый день');
    expect(composeOffline(req)).toBe(text);
    expect((await new OfflineLlm(composeOffline).chat(req)).text).toBe(text);
  });

  it('writes English for English leads and varies by lead', () => {
    const en = {
      ...lead,
      firstName: 'Anna',
      language: 'en' as const,
      chatTitle: 'Freelancers',
      keywords: ['coworking'],
    };
    const texts = new Set(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((seed) =>
        composeOffline(
          offerRequest({ seed, lead: en, campaign: { ...campaign, brief: 'Hive: desks 24/7.' }, settings }),
        ),
      ),
    );
    for (const t of texts)
      expect(t).toMatch(
        /^(Hi|Hello|Good day), Anna! I saw your message in «Freelancers» about «coworking»\. Hive: desks 24\/7\. /,
      );
    expect(texts.size).toBeGreaterThan(1);
  });

  it('fills the welcome template when the campaign has one', () => {
    const req = offerRequest({
      seed: 's',
      lead,
      campaign: {
        ...campaign,
        welcomeTemplate: 'Привет, {{first_name}}! Про {{keyword}}: {{brief}} {{unknown}}',
      },
      settings,
    });
    expect(composeOffline(req)).toBe(
      'Привет, Анна! Про коворкинг: Коворкинг Hive: места 24/7 от 9000 рублей в месяц. {{unknown}}',
    );
    const ctx = req.context as unknown as ComposerContext;
    expect(
      renderTemplate('Hi {{ first_name }} , {{username}}', { ...ctx, lead: { ...lead, firstName: null } }),
    ).toBe('Hi, @anna');
  });

  it('answers questions, interest and the rest differently', () => {
    const reply = (text: string) =>
      composeOffline(
        replyRequest({
          seed: 's',
          lead,
          campaign,
          settings,
          history: [
            { direction: 'out', text: 'offer', at: new Date(0) },
            { direction: 'in', text, at: new Date(1) },
          ],
        }),
      );
    expect(reply('а сколько стоит?')).toMatch(/вопрос/);
    expect(reply('да, интересно')).toMatch(/Когда вам удобно/);
    expect(reply('спасибо, подумаю')).toMatch(/Если появятся вопросы/);
  });

  it('takes the first sentence of a long brief', () => {
    expect(briefLine('  One.  Two.')).toBe('One. Two.');
    expect(briefLine('A first sentence that is long enough. And a second one.')).toBe(
      'A first sentence that is long enough.',
    );
    expect(briefLine(null)).toBeNull();
  });

  it('refuses a request without the structured context', () => {
    expect(() => composeOffline({ model: 'm', messages: [] })).toThrow(/structured context/);
  });
});
