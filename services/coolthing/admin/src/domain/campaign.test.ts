import { describe, expect, it } from 'vitest';
import {
  applyCampaignPatch,
  CAMPAIGN_DEFAULTS,
  changedFields,
  newCampaign,
  statusChangeProblem,
} from './campaign';

describe('campaign updates', () => {
  const base = newCampaign({
    name: 'Leads',
    type: 'parser',
    welcomeTemplate: 'Hi',
    plusKeywords: ['flat'],
    llmProfileId: 'p1',
    pacing: { answerDelaySeconds: { min: 20, max: 40 } },
  });

  it('start from the defaults: review mode, caps, the original intervals', () => {
    expect(base).toMatchObject({
      status: 'draft',
      approvalMode: 'review',
      caps: CAMPAIGN_DEFAULTS.caps,
      pacing: { newLeadDelaySeconds: { min: 180, max: 300 }, answerDelaySeconds: { min: 20, max: 40 } },
    });
  });

  it('change only what is sent: undefined keeps, null clears, nested objects merge', () => {
    const next = applyCampaignPatch(base, {
      name: 'Leads 2',
      welcomeTemplate: undefined,
      llmProfileId: null,
      caps: { perCampaignPerDay: 10 },
      pacing: { newLeadDelaySeconds: { min: 1, max: 2 }, answerDelaySeconds: undefined },
    });
    expect(next).toEqual({
      ...base,
      name: 'Leads 2',
      llmProfileId: null,
      caps: { ...base.caps, perCampaignPerDay: 10 },
      pacing: { newLeadDelaySeconds: { min: 1, max: 2 }, answerDelaySeconds: { min: 20, max: 40 } },
    });
    expect(changedFields(base, next)).toEqual(['caps', 'llmProfileId', 'name', 'pacing']);
    expect(applyCampaignPatch(base, {})).toEqual(base);
  });

  it('never reopen a finished campaign', () => {
    expect(statusChangeProblem('finished', 'active')).toMatch(/finished/);
    expect(statusChangeProblem('paused', 'active')).toBeNull();
    expect(statusChangeProblem('draft', 'finished')).toBeNull();
  });
});
