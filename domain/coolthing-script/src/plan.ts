// buildRunPlan: what `scripts` persists when a run is activated and `scripts-worker` plays.
// Everything random is decided here, from the seed, so a restarted worker replays the same run.
import { checkRunInput, RunPlanError, type RunPlanInput } from './plan-check';
import type { ChatPlan, PlannedLine, RoleAccount, RunPlan } from './plan-schema';
import type { RenderContext, RoleProfile } from './render-context';
import { deriveSeed, randomInt, rngFromSeed } from './rng';
import { sequenceLines, variantLabels } from './sequence';
import { parseSpintax, type SpinNode } from './spintax-parser';
import { renderSpintax } from './spintax-render';
import { assignVariants } from './variants';

function profile(account: RoleAccount): RoleProfile {
  const { first_name, last_name, username } = account;
  return {
    first_name,
    ...(last_name === undefined ? {} : { last_name }),
    ...(username === undefined ? {} : { username }),
  };
}

/** The variables' values for one chat of a plan; the worker uses it for branch replies. */
export function renderContextForChat(plan: RunPlan, chatId: string): RenderContext {
  const chat = plan.chats.find((c) => c.chatId === chatId);
  const roles: Record<number, RoleProfile> = {};
  for (const role of plan.roles) roles[role.index] = profile(role);
  return { chat: { title: chat?.title ?? '' }, campaign: { name: plan.campaign.name }, roles };
}

function planChat(
  input: RunPlanInput,
  chat: { chatId: string; title: string },
  variant: string | null,
  parsed: readonly SpinNode[][],
  roles: RenderContext['roles'],
): ChatPlan {
  const seed = String(input.seed);
  // Separate streams: changing a line's text does not reshuffle the delays, and vice versa.
  const textRng = rngFromSeed(deriveSeed(seed, 'text', chat.chatId));
  const timeRng = rngFromSeed(deriveSeed(seed, 'time', chat.chatId));
  const context: RenderContext = {
    chat: { title: chat.title },
    campaign: { name: input.campaign.name },
    roles,
  };
  let at = input.startAt;
  const lines = sequenceLines(input.script, variant).map(({ lineNo, line, replyTo }): PlannedLine => {
    const delayMs = randomInt(timeRng, Math.round(line.delay.min * 1000), Math.round(line.delay.max * 1000));
    const typingMs = Math.round(line.typing * 1000);
    at += delayMs + typingMs;
    return {
      lineNo,
      role: line.role,
      accountId: input.mapping[line.role]?.accountId ?? '',
      text: renderSpintax(parsed[lineNo - 1] ?? [], textRng, context),
      delayMs,
      typingMs,
      plannedAt: at,
      replyTo,
    };
  });
  return { chatId: chat.chatId, title: chat.title, variant, lines };
}

/**
 * Plans every chat of a run. Chats run in parallel from `startAt`; within a chat each line is
 * sent at previous plannedAt + delay + typing. Throws RunPlanError listing every problem.
 */
export function buildRunPlan(input: RunPlanInput): RunPlan {
  const problems = checkRunInput(input);
  if (problems.length > 0) throw new RunPlanError(problems);
  const { script } = input;
  const seed = String(input.seed);
  const assignment = assignVariants(
    input.chats.map((c) => c.chatId),
    variantLabels(script),
    seed,
  );
  const parsed = script.lines.map((line) => parseSpintax(line.text).nodes);
  const roles: RunPlan['roles'] = [];
  for (const role of script.roles) {
    const account = input.mapping[role.index];
    if (!account) continue;
    const { accountId, first_name, last_name, username } = account;
    roles.push({
      index: role.index,
      accountId,
      first_name,
      ...(last_name === undefined ? {} : { last_name }),
      ...(username === undefined ? {} : { username }),
    });
  }
  const profiles: Record<number, RoleProfile> = {};
  for (const role of roles) profiles[role.index] = profile(role);
  return {
    version: 1,
    seed,
    startAt: input.startAt,
    script: { name: script.name, language: script.language },
    campaign: { name: input.campaign.name },
    roles,
    branches: script.branches ?? [],
    chats: input.chats.map((chat) =>
      planChat(input, chat, assignment.get(chat.chatId) ?? null, parsed, profiles),
    ),
  };
}
