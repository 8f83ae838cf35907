import { describe, expect, it } from 'vitest';
import { coworkingCampaign, coworkingChats, coworkingMapping, coworkingScript } from './fixtures';
import { buildRunPlan } from './plan';
import { replanFrom } from './replan';

const START = 1_700_000_000_000;
const plan = buildRunPlan({
  script: coworkingScript,
  chats: coworkingChats.slice(0, 2),
  mapping: coworkingMapping,
  seed: 'replan',
  startAt: START,
  campaign: coworkingCampaign,
});
const chatId = coworkingChats[0]!.chatId;
const lines = plan.chats[0]!.lines;

describe('replanFrom', () => {
  it('moves an overdue line to now + typing and keeps the gaps after it', () => {
    const line4 = lines[3]!;
    const now = line4.plannedAt + 600_000; // a 10-minute FloodWait ended
    const next = replanFrom(plan, chatId, 4, now);
    const moved = next.chats[0]!.lines;
    expect(moved[3]!.plannedAt).toBe(now + line4.typingMs);
    const shift = moved[3]!.plannedAt - line4.plannedAt;
    for (let i = 4; i < lines.length; i += 1) expect(moved[i]!.plannedAt).toBe(lines[i]!.plannedAt + shift);
    // Gaps between remaining lines are unchanged.
    expect(moved[7]!.plannedAt - moved[4]!.plannedAt).toBe(lines[7]!.plannedAt - lines[4]!.plannedAt);
  });

  it('leaves earlier lines, other chats and the input plan alone', () => {
    const before = JSON.stringify(plan);
    const next = replanFrom(plan, chatId, 4, lines[3]!.plannedAt + 60_000);
    expect(next.chats[0]!.lines.slice(0, 3)).toEqual(lines.slice(0, 3));
    expect(next.chats[1]).toEqual(plan.chats[1]);
    expect(JSON.stringify(plan)).toBe(before);
  });

  it('never moves a line earlier than planned', () => {
    const next = replanFrom(plan, chatId, 2, START);
    expect(next).toEqual(plan);
  });

  it('shifts only by what is late when the restart falls inside the typing time', () => {
    const line2 = lines[1]!;
    const now = line2.plannedAt - line2.typingMs + 1_000; // typing had started 1 s before the crash
    const next = replanFrom(plan, chatId, 2, now);
    expect(next.chats[0]!.lines[1]!.plannedAt).toBe(line2.plannedAt + 1_000);
  });

  it('refuses an unknown chat or line', () => {
    expect(() => replanFrom(plan, 'nope', 1, START)).toThrow(RangeError);
    expect(() => replanFrom(plan, chatId, 99, START)).toThrow(RangeError);
  });
});
