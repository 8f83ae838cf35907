// Answering real chat members. The worker sees a non-script member reply to one of the run's
// messages, asks matchBranch whether a role should answer, and renders the answer.
import { matchKeywords } from './keywords';
import type { RenderContext } from './render-context';
import { pick, randomInt, type Rng } from './rng';
import type { Branch } from './schema';
import { parseSpintax } from './spintax-parser';
import { renderSpintax } from './spintax-render';

export interface BranchQuery {
  chatId: string;
  /** The script line (lineNo) whose message the member replied to. */
  afterLine: number;
  messageText: string;
  /** How many times each branch (by id) has already answered in this chat. */
  answeredCount: Readonly<Record<string, number>>;
}

export interface BranchMatch {
  branch: Branch;
  chatId: string;
  /** The trigger keywords found in the message; empty for an `any` trigger. */
  matchedKeywords: string[];
}

function eligible(branch: Branch, query: BranchQuery): boolean {
  const answered = Object.hasOwn(query.answeredCount, branch.id) ? (query.answeredCount[branch.id] ?? 0) : 0;
  if (answered >= branch.maxPerChat) return false;
  // `afterLine: 3` covers replies to line 3 and to any later line.
  return branch.afterLine === undefined || query.afterLine >= branch.afterLine;
}

/**
 * The branch that should answer, or null. A keyword branch that matches wins over an `any`
 * branch whatever their order, since it is the more specific answer; among equals, the first
 * declared wins. Accepts a script or a run plan (both carry `branches`).
 */
export function matchBranch(
  source: { branches?: readonly Branch[] },
  query: BranchQuery,
): BranchMatch | null {
  const candidates = (source.branches ?? []).filter((branch) => eligible(branch, query));
  for (const branch of candidates) {
    if (branch.trigger.kind !== 'keywords') continue;
    const matchedKeywords = matchKeywords(query.messageText, branch.trigger.words);
    if (matchedKeywords.length > 0) return { branch, chatId: query.chatId, matchedKeywords };
  }
  const fallback = candidates.find((branch) => branch.trigger.kind === 'any');
  return fallback ? { branch: fallback, chatId: query.chatId, matchedKeywords: [] } : null;
}

export type RenderedBranchReply =
  | { kind: 'text'; branchId: string; role: number; text: string; delayMs: number }
  /** The caller drafts the text with its LLM profile, following `instruction`. */
  | { kind: 'llm'; branchId: string; role: number; instruction: string; delayMs: number };

/** Picks and renders one reply text (or hands back the LLM instruction), with its delay. */
export function renderBranchReply(
  branch: Branch,
  rng: Rng,
  context: RenderContext = {},
): RenderedBranchReply {
  const delayMs = randomInt(rng, Math.round(branch.delay.min * 1000), Math.round(branch.delay.max * 1000));
  const base = { branchId: branch.id, role: branch.role, delayMs };
  if (branch.reply.kind === 'llm') return { kind: 'llm', ...base, instruction: branch.reply.instruction };
  const text = renderSpintax(parseSpintax(pick(rng, branch.reply.texts)).nodes, rng, context);
  return { kind: 'text', ...base, text };
}
