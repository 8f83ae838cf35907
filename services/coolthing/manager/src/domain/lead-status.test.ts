import { describe, expect, it } from 'vitest';
import { statusChangeProblem } from './lead-status';

const lead = { hasDraft: true, hasCampaign: true, contacted: false };

describe('status changes by hand', () => {
  it('keeps an opted-out lead opted out', () => {
    expect(statusChangeProblem('opted_out', 'replied', lead)).toMatch(/opted out/);
    expect(statusChangeProblem('opted_out', 'opted_out', lead)).toBeNull();
  });

  it('moves freely between conversation labels', () => {
    expect(statusChangeProblem('replied', 'interested', lead)).toBeNull();
    expect(statusChangeProblem('interested', 'converted', lead)).toBeNull();
    expect(statusChangeProblem('contacted', 'failed', lead)).toBeNull();
  });

  it('needs a draft to review or queue, a campaign to draft, and no delivered offer', () => {
    expect(statusChangeProblem('failed', 'queued', { ...lead, hasDraft: false })).toMatch(/no draft/);
    expect(statusChangeProblem('failed', 'new', { ...lead, hasDraft: false })).toBeNull();
    expect(statusChangeProblem('replied', 'new', { ...lead, hasCampaign: false })).toMatch(
      /without a campaign/,
    );
    expect(statusChangeProblem('contacted', 'queued', { ...lead, contacted: true })).toMatch(
      /already delivered/,
    );
  });
});
