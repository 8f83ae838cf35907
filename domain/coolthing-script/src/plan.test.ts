import { describe, expect, it } from 'vitest';
import {
  coworkingAbScript,
  coworkingCampaign,
  coworkingChats,
  coworkingMapping,
  coworkingScript,
} from './fixtures';
import { buildRunPlan, renderContextForChat } from './plan';
import { checkRunInput, RunPlanError, type RunPlanInput } from './plan-check';
import { runPlanSchema } from './plan-schema';
import type { Script } from './schema';

const START = Date.UTC(2025, 0, 15, 9, 0, 0);

function input(overrides: Partial<RunPlanInput> = {}): RunPlanInput {
  return {
    script: coworkingScript,
    chats: coworkingChats,
    mapping: coworkingMapping,
    seed: 'run-1',
    startAt: START,
    campaign: coworkingCampaign,
    ...overrides,
  };
}

const timing: Script = {
  name: 'Timing',
  language: 'ru',
  roles: [
    { index: 1, name: 'A' },
    { index: 2, name: 'B' },
  ],
  lines: [
    { role: 1, text: 'one', delay: { min: 10, max: 10 }, replyTo: { kind: 'previous' }, typing: 2 },
    { role: 2, text: 'two', delay: { min: 0, max: 0 }, replyTo: { kind: 'line', line: 1 }, typing: 1.5 },
    { role: 1, text: 'three', delay: { min: 5, max: 20 }, replyTo: { kind: 'none' }, typing: 0 },
  ],
};

describe('buildRunPlan', () => {
  it('plans every chat with every line, accounts and rendered text', () => {
    const plan = buildRunPlan(input());
    expect(plan.chats.map((c) => c.chatId)).toEqual(coworkingChats.map((c) => c.chatId));
    for (const chat of plan.chats) {
      expect(chat.variant).toBeNull();
      expect(chat.lines.map((l) => l.lineNo)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(chat.lines.map((l) => l.accountId)).toEqual([
        'acc-anna',
        'acc-max',
        'acc-olga',
        'acc-max',
        'acc-anna',
        'acc-max',
        'acc-olga',
        'acc-max',
      ]);
      for (const line of chat.lines) expect(line.text).not.toMatch(/[{}]|\[[a-z.0-9]+\]/);
      expect(chat.lines[6]!.text.startsWith('@max.works ')).toBe(true);
    }
    expect(plan.chats[0]!.lines[0]!.text).toMatch(/Riverside Neighbours|Anybody here/);
    expect(plan.roles.map((r) => [r.index, r.accountId])).toEqual([
      [1, 'acc-anna'],
      [2, 'acc-max'],
      [3, 'acc-olga'],
    ]);
    expect(plan.branches).toHaveLength(2);
  });

  it('adds delay and typing cumulatively per chat, chats in parallel', () => {
    const plan = buildRunPlan(
      input({ script: timing, mapping: { 1: coworkingMapping[1]!, 2: coworkingMapping[2]! } }),
    );
    for (const chat of plan.chats) {
      const [one, two, three] = chat.lines;
      expect(one).toMatchObject({ delayMs: 10_000, typingMs: 2_000, plannedAt: START + 12_000 });
      expect(two).toMatchObject({ delayMs: 0, typingMs: 1_500, plannedAt: START + 13_500 });
      expect(three!.delayMs).toBeGreaterThanOrEqual(5_000);
      expect(three!.delayMs).toBeLessThanOrEqual(20_000);
      expect(three!.plannedAt).toBe(two!.plannedAt + three!.delayMs);
    }
    // Every chat starts from startAt, and the random delays differ between chats.
    expect(new Set(plan.chats.map((c) => c.lines[2]!.delayMs)).size).toBeGreaterThan(1);
  });

  it('keeps every drawn delay within its range', () => {
    const plan = buildRunPlan(input());
    for (const chat of plan.chats) {
      let previous = START;
      chat.lines.forEach((line) => {
        const { delay, typing } = coworkingScript.lines[line.lineNo - 1]!;
        expect(line.delayMs).toBeGreaterThanOrEqual(delay.min * 1000);
        expect(line.delayMs).toBeLessThanOrEqual(delay.max * 1000);
        expect(line.typingMs).toBe(typing * 1000);
        expect(line.plannedAt).toBe(previous + line.delayMs + line.typingMs);
        previous = line.plannedAt;
      });
    }
  });

  it('resolves reply targets to line numbers', () => {
    const [chat] = buildRunPlan(input({ script: timing, mapping: coworkingMapping })).chats;
    expect(chat!.lines.map((l) => l.replyTo)).toEqual([
      { kind: 'none' },
      { kind: 'line', lineNo: 1 },
      { kind: 'none' },
    ]);
    const [full] = buildRunPlan(input()).chats;
    expect(full!.lines.map((l) => l.replyTo)).toEqual([
      { kind: 'none' },
      { kind: 'previous', lineNo: 1 },
      { kind: 'line', lineNo: 2 },
      { kind: 'previous', lineNo: 3 },
      { kind: 'none' },
      { kind: 'line', lineNo: 5 },
      { kind: 'previous', lineNo: 6 },
      { kind: 'previous', lineNo: 7 },
    ]);
  });

  it('is deterministic for a seed and changes with it', () => {
    expect(buildRunPlan(input())).toEqual(buildRunPlan(input()));
    const other = buildRunPlan(input({ seed: 'run-2' }));
    expect(other.chats.map((c) => c.lines.map((l) => l.text))).not.toEqual(
      buildRunPlan(input()).chats.map((c) => c.lines.map((l) => l.text)),
    );
  });

  it('does not change a chat when another chat is added', () => {
    const three = buildRunPlan(input({ chats: coworkingChats.slice(0, 3) }));
    const five = buildRunPlan(input());
    expect(five.chats.slice(0, 3)).toEqual(three.chats);
  });

  it('survives a JSON round trip unchanged', () => {
    const plan = buildRunPlan(input({ script: coworkingAbScript }));
    const back = runPlanSchema.parse(JSON.parse(JSON.stringify(plan)));
    expect(back).toEqual(plan);
  });

  it('accepts a mapping whose keys came from JSON', () => {
    const mapping = JSON.parse(JSON.stringify(coworkingMapping)) as RunPlanInput['mapping'];
    expect(buildRunPlan(input({ mapping }))).toEqual(buildRunPlan(input()));
  });

  it('gives the plan context to branch replies', () => {
    const plan = buildRunPlan(input());
    const context = renderContextForChat(plan, coworkingChats[1]!.chatId);
    expect(context).toEqual({
      chat: { title: 'Freelancers of the City' },
      campaign: { name: 'Hive Coworking' },
      roles: {
        1: { first_name: 'Anna', last_name: 'Petrova', username: 'anna_p' },
        2: { first_name: 'Max', username: 'max.works' },
        3: { first_name: 'Olga', last_name: 'Sidorova', username: 'olga_s' },
      },
    });
  });
});

describe('A/B groups', () => {
  it('balances five chats across two groups and keeps only their lines', () => {
    const plan = buildRunPlan(input({ script: coworkingAbScript }));
    const counts = new Map<string, number>();
    for (const chat of plan.chats) counts.set(chat.variant!, (counts.get(chat.variant!) ?? 0) + 1);
    expect([...counts.values()].sort()).toEqual([2, 3]);
    for (const chat of plan.chats) {
      const expected = chat.variant === 'A' ? [1, 2, 3, 4, 5, 6, 7, 8] : [1, 2, 3, 4, 5, 6, 9, 10];
      expect(chat.lines.map((l) => l.lineNo)).toEqual(expected);
      expect(chat.lines[6]!.replyTo).toEqual({ kind: 'previous', lineNo: 6 });
    }
  });

  it('assigns the same groups for the same seed, whatever the chat order', () => {
    const variants = (chats: RunPlanInput['chats']): Record<string, string | null> =>
      Object.fromEntries(
        buildRunPlan(input({ script: coworkingAbScript, chats })).chats.map((c) => [c.chatId, c.variant]),
      );
    expect(variants([...coworkingChats].reverse())).toEqual(variants(coworkingChats));
  });

  it('lets the seed decide which group gets the extra chat', () => {
    const bigger = new Set<string>();
    for (let seed = 0; seed < 20; seed += 1) {
      const plan = buildRunPlan(input({ script: coworkingAbScript, seed }));
      const a = plan.chats.filter((c) => c.variant === 'A').length;
      bigger.add(a === 3 ? 'A' : 'B');
    }
    expect(bigger).toEqual(new Set(['A', 'B']));
  });
});

describe('plan problems', () => {
  it('lists every problem and throws RunPlanError', () => {
    const bad = input({
      chats: [
        { chatId: 'c1', title: '' },
        { chatId: 'c1', title: 'Again' },
      ],
      mapping: {
        1: { accountId: 'same', first_name: 'Anna' },
        2: { accountId: 'same', first_name: 'Max' },
      },
      campaign: { name: ' ' },
    });
    const codes = checkRunInput(bad).map((p) => p.code);
    expect([...codes].sort()).toEqual([
      'account_reused',
      'duplicate_chat',
      'missing_campaign_name',
      'missing_chat_title',
      'missing_profile_value',
      'unmapped_role',
    ]);
    expect(() => buildRunPlan(bad)).toThrow(RunPlanError);
  });

  it('refuses a missing username instead of sending a placeholder', () => {
    const mapping = { ...coworkingMapping, 2: { accountId: 'acc-max', first_name: 'Max' } };
    const problems = checkRunInput(input({ mapping }));
    expect(problems).toEqual([expect.objectContaining({ code: 'missing_profile_value', role: 2, line: 7 })]);
  });

  it('refuses an invalid script, an empty chat list and a bad start', () => {
    const script = { ...timing, lines: [{ ...timing.lines[0]!, text: '{oops' }] };
    expect(checkRunInput(input({ script })).map((p) => p.code)).toEqual(['invalid_script']);
    expect(checkRunInput(input({ chats: [], startAt: Number.NaN })).map((p) => p.code)).toEqual([
      'invalid_start',
      'no_chats',
    ]);
  });
});
