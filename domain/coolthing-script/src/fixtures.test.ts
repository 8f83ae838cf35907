import { describe, expect, it } from 'vitest';
import {
  coworkingCampaign,
  coworkingChats,
  coworkingContext,
  coworkingMapping,
  coworkingScript,
} from './fixtures';
import { checkRunInput } from './plan-check';
import { previewScript } from './preview';
import { validateScript } from './validate';

describe('coworking fixture', () => {
  it('has 3 roles and 8 lines, all roles speaking', () => {
    expect(coworkingScript.roles).toHaveLength(3);
    expect(coworkingScript.lines).toHaveLength(8);
    expect(new Set(coworkingScript.lines.map((l) => l.role))).toEqual(new Set([1, 2, 3]));
  });

  it('is valid as stored JSON, with no warnings', () => {
    expect(validateScript(JSON.parse(JSON.stringify(coworkingScript)))).toEqual({
      ok: true,
      script: coworkingScript,
      warnings: [],
    });
  });

  it('plans cleanly with the fixture mapping, chats and campaign', () => {
    expect(
      checkRunInput({
        script: coworkingScript,
        chats: coworkingChats,
        mapping: coworkingMapping,
        seed: 'fixture',
        startAt: 0,
        campaign: coworkingCampaign,
      }),
    ).toEqual([]);
  });

  it('previews as natural text without leftovers', () => {
    for (const preview of previewScript(coworkingScript, {
      count: 20,
      seed: 'fixture',
      context: coworkingContext,
    })) {
      for (const line of preview.lines) {
        expect(line.text).not.toMatch(/[{}|]|\[[a-z.0-9]+\]|\s{2}|\s[,.!?]/);
      }
    }
  });
});
