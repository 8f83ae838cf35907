// What has happened to each line of each chat, and what that means for the next send.
import type { ChatPlan, PlannedLine, PlannedReplyTo } from '@switchyard/coolthing-script';

export type LineState = 'sending' | 'sent' | 'unconfirmed' | 'skipped';

export interface LineRecord {
  chatId: string;
  lineNo: number;
  accountId: string;
  state: LineState;
  telegramMessageId: number | null;
}

/** Lines are recorded by (chat, lineNo), never by text: two lines with the same words stay two lines. */
export class Progress {
  private readonly lines = new Map<string, LineRecord>();
  /** Telegram message id → the line it is, per chat (to recognise replies to the script). */
  private readonly byMessage = new Map<string, number>();

  constructor(records: Iterable<LineRecord> = []) {
    for (const r of records) this.set(r);
  }

  private static key(chatId: string, lineNo: number) {
    return `${chatId}\u0000${lineNo}`;
  }

  set(record: LineRecord): void {
    this.lines.set(Progress.key(record.chatId, record.lineNo), record);
    if (record.telegramMessageId !== null)
      this.byMessage.set(`${record.chatId}\u0000${record.telegramMessageId}`, record.lineNo);
  }

  /** Forgets a line whose claim was released: it is to be played again. */
  forget(chatId: string, lineNo: number): void {
    const record = this.get(chatId, lineNo);
    if (!record) return;
    this.lines.delete(Progress.key(chatId, lineNo));
    if (record.telegramMessageId !== null)
      this.byMessage.delete(`${chatId}\u0000${record.telegramMessageId}`);
  }

  /**
   * The newest message an account sent for the chat's lines before `lineNo` (null: none).
   * Per account, because outside supergroups each account numbers messages its own way.
   */
  newestMessageBefore(chatId: string, lineNo: number, accountId: string): number | null {
    let newest: number | null = null;
    for (const r of this.lines.values())
      if (
        r.chatId === chatId &&
        r.lineNo < lineNo &&
        r.accountId === accountId &&
        r.state === 'sent' &&
        r.telegramMessageId !== null
      )
        newest = Math.max(newest ?? 0, r.telegramMessageId);
    return newest;
  }

  get(chatId: string, lineNo: number): LineRecord | undefined {
    return this.lines.get(Progress.key(chatId, lineNo));
  }

  /** True when the line needs nothing more: sent, possibly sent, or skipped. */
  settled(chatId: string, lineNo: number): boolean {
    const state = this.get(chatId, lineNo)?.state;
    return state === 'sent' || state === 'unconfirmed' || state === 'skipped';
  }

  /** The next line of the chat still to send, or undefined when the chat is through. */
  nextLine(chat: ChatPlan): PlannedLine | undefined {
    return chat.lines.find((l) => !this.settled(chat.chatId, l.lineNo));
  }

  /**
   * The Telegram message a line answers. A target that was skipped or whose sending is
   * unconfirmed has no known id: the line then goes out without a reply rather than
   * answering the wrong message.
   */
  replyTarget(chatId: string, replyTo: PlannedReplyTo): number | undefined {
    if (replyTo.kind === 'none') return undefined;
    const target = this.get(chatId, replyTo.lineNo);
    return target?.state === 'sent' && target.telegramMessageId !== null
      ? target.telegramMessageId
      : undefined;
  }

  /** Which line a message of the chat is, if the script sent it. */
  lineOfMessage(chatId: string, telegramMessageId: number): number | undefined {
    return this.byMessage.get(`${chatId}\u0000${telegramMessageId}`);
  }

  all(): LineRecord[] {
    return [...this.lines.values()];
  }

  count(state: LineState): number {
    return this.all().filter((r) => r.state === state).length;
  }
}
