import { describe, expect, it } from 'vitest';
import { matchBranch, renderBranchReply, type BranchQuery } from './branches';
import {
  coworkingCampaign,
  coworkingChats,
  coworkingContext,
  coworkingMapping,
  coworkingScript,
} from './fixtures';
import { matchKeywords } from './keywords';
import { buildRunPlan, renderContextForChat } from './plan';
import { rngFromSeed } from './rng';
import type { Branch } from './schema';

function query(messageText: string, overrides: Partial<BranchQuery> = {}): BranchQuery {
  return { chatId: 'c1', afterLine: 8, messageText, answeredCount: {}, ...overrides };
}

describe('matchKeywords', () => {
  it('matches whole words in any case', () => {
    expect(matchKeywords('What is the PRICE?', ['price'])).toEqual(['price']);
    expect(matchKeywords('Prices went up', ['price'])).toEqual([]);
    expect(matchKeywords('a priceless view', ['price'])).toEqual([]);
  });

  it('matches phrases as consecutive words', () => {
    expect(matchKeywords('So, how   much is it?', ['how much'])).toEqual(['how much']);
    expect(matchKeywords('how is it so much', ['how much'])).toEqual([]);
  });

  it('handles Cyrillic and folds ё', () => {
    expect(matchKeywords('А сколько СТОИТ?', ['стоит'])).toEqual(['стоит']);
    expect(matchKeywords('Всё ясно', ['все'])).toEqual(['все']);
    expect(matchKeywords('Стоимость?', ['стоит'])).toEqual([]);
  });
});

describe('matchBranch', () => {
  it('fires a keyword branch, case-insensitively, on whole words only', () => {
    expect(matchBranch(coworkingScript, query('And what does it COST per month?'))).toMatchObject({
      branch: { id: 'price' },
      chatId: 'c1',
      matchedKeywords: ['cost'],
    });
    const other = matchBranch(coworkingScript, query('The costs are fine'));
    expect(other?.branch.id).toBe('anything-else');
  });

  it('falls back to an `any` branch', () => {
    expect(matchBranch(coworkingScript, query('Where is it exactly?'))).toMatchObject({
      branch: { id: 'anything-else' },
      matchedKeywords: [],
    });
  });

  it('prefers a matching keyword branch over an earlier `any` branch', () => {
    const reversed = { branches: [...coworkingScript.branches!].reverse() };
    expect(matchBranch(reversed, query('price?'))?.branch.id).toBe('price');
  });

  it('respects afterLine: only replies to that line or later ones', () => {
    expect(matchBranch(coworkingScript, query('price?', { afterLine: 2 }))).toBeNull();
    expect(matchBranch(coworkingScript, query('price?', { afterLine: 3 }))?.branch.id).toBe('price');
    expect(matchBranch(coworkingScript, query('hello', { afterLine: 4 }))).toBeNull();
    expect(matchBranch(coworkingScript, query('hello', { afterLine: 5 }))?.branch.id).toBe('anything-else');
  });

  it('stops a branch once it answered maxPerChat times in the chat', () => {
    expect(matchBranch(coworkingScript, query('price?', { answeredCount: { price: 1 } }))?.branch.id).toBe(
      'anything-else',
    );
    expect(
      matchBranch(coworkingScript, query('price?', { answeredCount: { price: 1, 'anything-else': 2 } })),
    ).toBeNull();
  });

  it('returns null for a script without branches, and works on a plan', () => {
    expect(matchBranch({}, query('price'))).toBeNull();
    const plan = buildRunPlan({
      script: coworkingScript,
      chats: coworkingChats,
      mapping: coworkingMapping,
      seed: 1,
      startAt: 0,
      campaign: coworkingCampaign,
    });
    expect(matchBranch(plan, query('how much?'))?.branch.id).toBe('price');
  });
});

describe('renderBranchReply', () => {
  const price = coworkingScript.branches![0]!;
  const llm = coworkingScript.branches![1]!;

  it('renders one of the reply texts with a delay in range', () => {
    const rng = rngFromSeed('reply');
    const texts = new Set<string>();
    for (let i = 0; i < 200; i += 1) {
      const reply = renderBranchReply(price, rng, coworkingContext);
      if (reply.kind !== 'text') throw new Error('expected text');
      expect(reply.role).toBe(2);
      expect(reply.delayMs).toBeGreaterThanOrEqual(20_000);
      expect(reply.delayMs).toBeLessThanOrEqual(60_000);
      expect(reply.text).not.toMatch(/[{}]/);
      texts.add(reply.text.startsWith('Prices') ? 'second' : 'first');
    }
    expect(texts).toEqual(new Set(['first', 'second']));
  });

  it('fills variables from the context', () => {
    const branch: Branch = {
      ...price,
      reply: { kind: 'lines', texts: ['{{role.1.first_name}}, it is in {{chat.title}}'] },
    };
    const plan = buildRunPlan({
      script: coworkingScript,
      chats: coworkingChats,
      mapping: coworkingMapping,
      seed: 1,
      startAt: 0,
      campaign: coworkingCampaign,
    });
    const reply = renderBranchReply(
      branch,
      rngFromSeed(1),
      renderContextForChat(plan, coworkingChats[2]!.chatId),
    );
    expect(reply).toMatchObject({ kind: 'text', text: 'Anna, it is in Remote Workers Hub' });
  });

  it('hands an llm branch back as an instruction', () => {
    const reply = renderBranchReply(llm, rngFromSeed(2));
    expect(reply).toMatchObject({
      kind: 'llm',
      branchId: 'anything-else',
      role: 1,
      instruction: llm.reply.kind === 'llm' ? llm.reply.instruction : '',
    });
  });

  it('is reproducible for a seed', () => {
    expect(renderBranchReply(price, rngFromSeed('x'), coworkingContext)).toEqual(
      renderBranchReply(price, rngFromSeed('x'), coworkingContext),
    );
  });
});
