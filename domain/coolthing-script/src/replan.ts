// Moving the rest of a chat's plan when the worker could not keep to it.
import type { RunPlan } from './plan-schema';

/**
 * Shifts line `fromLineNo` and every later line of one chat so that `fromLineNo` is sent no
 * earlier than `now + its typing time`, keeping the gaps between the remaining lines. Use it
 * when a worker resumes after a restart or after a FloodWait/slow mode (pass the time the wait
 * ends as `now`). Never moves a line earlier; other chats and earlier lines are untouched.
 * Returns a new plan.
 */
export function replanFrom(plan: RunPlan, chatId: string, fromLineNo: number, now: number): RunPlan {
  const chatIndex = plan.chats.findIndex((c) => c.chatId === chatId);
  const chat = plan.chats[chatIndex];
  if (!chat) throw new RangeError(`chat ${chatId} is not in the plan`);
  const from = chat.lines.findIndex((l) => l.lineNo === fromLineNo);
  const first = chat.lines[from];
  if (!first) throw new RangeError(`line ${fromLineNo} is not planned for chat ${chatId}`);
  const shift = Math.max(0, now + first.typingMs - first.plannedAt);
  const lines = chat.lines.map((line, i) =>
    i >= from ? { ...line, plannedAt: line.plannedAt + shift } : line,
  );
  const chats = plan.chats.map((c, i) => (i === chatIndex ? { ...chat, lines } : c));
  return { ...plan, chats };
}
