import {
  deriveSeed,
  matchBranch,
  renderBranchReply,
  renderContextForChat,
  rngFromSeed,
  type RunPlan,
} from '@switchyard/coolthing-script';
import type { Logger } from '@switchyard/kit';
import { isTelegramError, TelegramUnknownError, type TelegramMessage } from '@switchyard/telegram';
import type { RunClock } from '../domain/clock';
import { memberMessage, type MemberMessage } from '../domain/engagement';
import type { Progress } from '../domain/progress';
import type { ProgressRepository } from '../repositories/progress';
import type { AccountPool } from './accounts';
import { waitUntil, waitWhilePaused, type RunControl } from './control';

export interface EngagementDeps {
  plan: RunPlan;
  progress: Progress;
  pool: AccountPool;
  repo: ProgressRepository;
  clock: RunClock;
  control: RunControl;
  signal: AbortSignal;
  log: Logger;
  /** Telegram chat id → the run's chat id (filled as chats are joined). */
  chats: Map<string, string>;
  /** Branch answers already given per chat and branch (restored after a restart). */
  answered: Map<string, Record<string, number>>;
}

/**
 * Counts what real members write in the run's chats (each message once, as
 * ScriptEngagement) while the run plays and for the window after it, and answers replies to
 * the script with a matching branch (matchBranch), from the branch's role account.
 */
export class EngagementWatcher {
  private readonly seen = new Set<string>();
  private readonly branchMessages = new Set<string>();
  private readonly pending = new Set<Promise<void>>();
  private readonly unsubscribe: (() => void)[] = [];
  private open = true;

  constructor(private readonly deps: EngagementDeps) {}

  attach(): void {
    for (const account of this.deps.pool.accounts())
      this.unsubscribe.push(account.onMessage((m) => this.onMessage(m), { scope: 'chats' }));
  }

  /** Stops counting; waits for branch answers already under way. */
  async close(): Promise<void> {
    this.open = false;
    for (const off of this.unsubscribe.splice(0)) off();
    await Promise.allSettled([...this.pending]);
  }

  private onMessage(message: TelegramMessage): void {
    if (!this.open) return;
    const { progress, pool, chats } = this.deps;
    const userIds = pool.userIds();
    const member = memberMessage(message, {
      chatOf: (id) => chats.get(id),
      isScriptAccount: (id) => userIds.has(id),
      lineOf: (chatId, id) => progress.lineOfMessage(chatId, id),
      isScriptMessage: (chatId, id) => this.branchMessages.has(`${chatId}\u0000${id}`),
    });
    if (!member) return;
    const key = `${member.chatId}\u0000${member.telegramMessageId}`;
    if (this.seen.has(key)) return; // every account of the chat sees the same message
    this.seen.add(key);
    const work = this.handle(member).catch((err: unknown) =>
      this.deps.log.warn({ err: String(err), chatId: member.chatId }, 'engagement not recorded'),
    );
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private async handle(member: MemberMessage): Promise<void> {
    const fresh = await this.deps.repo.memberMessage(member);
    if (!fresh || member.replyToLineNo === null) return;
    await this.answer(member, member.replyToLineNo);
  }

  private async answer(member: MemberMessage, lineNo: number): Promise<void> {
    const { plan, pool, repo, clock, log } = this.deps;
    const answered = this.deps.answered.get(member.chatId) ?? {};
    const match = matchBranch(plan, {
      chatId: member.chatId,
      afterLine: lineNo,
      messageText: member.text,
      answeredCount: answered,
    });
    if (!match) return;
    const { branch } = match;
    if (branch.reply.kind === 'llm') {
      // No LLM profile reaches the worker yet; the branch stays unanswered rather than improvised.
      log.info(
        { chatId: member.chatId, branch: branch.id },
        'LLM branch matched; answering by LLM is not available here',
      );
      return;
    }
    const role = plan.roles.find((r) => r.index === branch.role);
    const live = role ? pool.get(role.accountId) : undefined;
    const chat = plan.chats.find((c) => c.chatId === member.chatId);
    if (!role || !live || !chat) return;
    const rng = rngFromSeed(deriveSeed(plan.seed, 'branch', member.chatId, String(member.telegramMessageId)));
    const reply = renderBranchReply(branch, rng, renderContextForChat(plan, member.chatId));
    if (reply.kind !== 'text') return;
    answered[branch.id] = (answered[branch.id] ?? 0) + 1;
    this.deps.answered.set(member.chatId, answered);
    const claimed = await repo.beginBranchAnswer({
      chatId: member.chatId,
      triggerMessageId: member.telegramMessageId,
      branchId: branch.id,
      accountId: role.accountId,
    });
    if (!claimed) return;
    const when = clock.now() + reply.delayMs;
    let waited = await waitUntil(when, this.deps);
    while (waited === 'paused' && (await waitWhilePaused(this.deps.control, this.deps.signal)))
      waited = await waitUntil(when, this.deps);
    if (waited !== 'time') {
      await repo.endBranchAnswer(member.chatId, member.telegramMessageId, { state: 'skipped' });
      return;
    }
    const peer = [...this.deps.chats.entries()].find(([, id]) => id === member.chatId)?.[0];
    if (!peer) return;
    try {
      const sent = await live.account.sendMessage(peer, reply.text, { replyTo: member.telegramMessageId });
      this.branchMessages.add(`${member.chatId}\u0000${sent.id}`);
      await repo.endBranchAnswer(member.chatId, member.telegramMessageId, {
        state: 'sent',
        telegramMessageId: sent.id,
      });
      log.info({ chatId: member.chatId, branch: branch.id }, 'branch answered');
    } catch (err) {
      const state = err instanceof TelegramUnknownError || !isTelegramError(err) ? 'unconfirmed' : 'skipped';
      await repo.endBranchAnswer(member.chatId, member.telegramMessageId, { state });
      log.warn({ err: String(err), chatId: member.chatId, branch: branch.id }, 'branch answer not sent');
    }
  }
}
