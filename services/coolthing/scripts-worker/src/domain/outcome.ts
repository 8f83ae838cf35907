import { skipReasonText, type SkipReason } from '@switchyard/telegram';

export interface RunFacts {
  chats: number;
  skippedChats: { chatId: string; reason: string }[];
  unavailableAccounts: { accountId: string; reason: string }[];
  unconfirmed: { chatId: string; lineNo: number }[];
  sent: number;
  stopped: boolean;
}

export interface Problem {
  chat_id: string | null;
  reason: string;
  text: string;
}

const text = (reason: string) =>
  reason in skipReasonText ? skipReasonText[reason as SkipReason].en : reason.replace(/_/g, ' ');

/**
 * How a run ended: `stopped` when an operator stopped it, `failed` when no chat could be
 * played at all, `done` otherwise, with every skipped chat, lost account and unconfirmed
 * line listed as a problem (the original always sent an empty list).
 */
export function runOutcome(facts: RunFacts): { status: 'done' | 'stopped' | 'failed'; problems: Problem[] } {
  const problems: Problem[] = [
    ...facts.skippedChats.map((c) => ({ chat_id: c.chatId, reason: c.reason, text: text(c.reason) })),
    ...facts.unavailableAccounts.map((a) => ({
      chat_id: null,
      reason: a.reason,
      text: `account ${a.accountId}: ${text(a.reason)}`,
    })),
    ...facts.unconfirmed.map((l) => ({
      chat_id: l.chatId,
      reason: 'unconfirmed',
      text: `line ${l.lineNo} may have gone out without Telegram confirming it; it was not sent again`,
    })),
  ].slice(0, 500);
  if (facts.stopped) return { status: 'stopped', problems };
  const allSkipped = facts.chats > 0 && facts.skippedChats.length >= facts.chats;
  return {
    status: allSkipped || (facts.sent === 0 && facts.unconfirmed.length === 0) ? 'failed' : 'done',
    problems,
  };
}
