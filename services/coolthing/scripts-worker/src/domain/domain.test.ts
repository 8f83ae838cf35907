import { describe, expect, it } from 'vitest';
import {
  AccountBanned,
  ChatPrivate,
  FloodWait,
  PeerFlood,
  SlowMode,
  TelegramUnknownError,
  UserBannedInChat,
  WriteForbidden,
  type TelegramMessage,
} from '@switchyard/telegram';
import { RunClock } from './clock';
import { memberMessage } from './engagement';
import { runOutcome } from './outcome';
import { Progress } from './progress';
import { reactionTo } from './reactions';

describe('run clock', () => {
  it('maps run time to real time with the scale, continuing across restarts', () => {
    let real = 1_000_000;
    const clock = new RunClock(100, 5_000_000, 1_000_000, () => real);
    expect(clock.now()).toBe(5_000_000);
    real += 1000;
    expect(clock.now()).toBe(5_100_000);
    expect(clock.realMsUntil(5_200_000)).toBe(1000);
    expect(clock.realMs(30_000)).toBe(300);
    expect(clock.toReal(5_100_000).getTime()).toBe(1_001_000);
    // a restarted worker builds the clock from the same first start
    const again = new RunClock(100, 5_000_000, 1_000_000, () => real);
    expect(again.now()).toBe(clock.now());
  });
});

describe('progress', () => {
  const chat = {
    chatId: 'c1',
    title: 'Chat',
    variant: null,
    lines: [1, 2, 3, 4].map((lineNo) => ({
      lineNo,
      role: 1,
      accountId: 'a1',
      text: 'Same words',
      delayMs: 0,
      typingMs: 0,
      plannedAt: lineNo,
      replyTo: lineNo === 1 ? { kind: 'none' as const } : { kind: 'previous' as const, lineNo: lineNo - 1 },
    })),
  };

  it('keys lines by number, so identical texts never collide (original bug)', () => {
    const p = new Progress([
      { chatId: 'c1', lineNo: 1, accountId: 'a1', state: 'sent', telegramMessageId: 10 },
      { chatId: 'c1', lineNo: 2, accountId: 'a1', state: 'sent', telegramMessageId: 11 },
    ]);
    expect(p.nextLine(chat)?.lineNo).toBe(3);
    expect(p.replyTarget('c1', { kind: 'previous', lineNo: 2 })).toBe(11);
    expect(p.replyTarget('c1', { kind: 'line', lineNo: 1 })).toBe(10);
    expect(p.lineOfMessage('c1', 11)).toBe(2);
  });

  it('never resends an unconfirmed line and does not reply to it', () => {
    const p = new Progress([
      { chatId: 'c1', lineNo: 1, accountId: 'a1', state: 'sent', telegramMessageId: 10 },
      { chatId: 'c1', lineNo: 2, accountId: 'a1', state: 'unconfirmed', telegramMessageId: null },
    ]);
    expect(p.nextLine(chat)?.lineNo).toBe(3);
    expect(p.replyTarget('c1', { kind: 'previous', lineNo: 2 })).toBeUndefined();
    expect(p.settled('c1', 2)).toBe(true);
    expect(p.settled('c1', 3)).toBe(false);
  });
});

describe('reactions to Telegram failures', () => {
  const opts = { maxFloodWaitSeconds: 3600 };
  it('waits out FloodWait (account) and slow mode (chat)', () => {
    expect(reactionTo(new FloodWait(120), opts)).toEqual({
      kind: 'wait',
      reason: 'flood_wait',
      seconds: 120,
      scope: 'account',
    });
    expect(reactionTo(new SlowMode(30), opts)).toMatchObject({
      kind: 'wait',
      reason: 'slow_mode',
      scope: 'chat',
    });
  });

  it('gives up an account on a FloodWait beyond the limit, a ban or a peer flood', () => {
    expect(reactionTo(new FloodWait(7200), opts)).toMatchObject({
      kind: 'account_down',
      accountStatus: 'flood_wait',
    });
    expect(reactionTo(new AccountBanned(), opts)).toMatchObject({
      kind: 'account_down',
      accountStatus: 'banned',
    });
    expect(reactionTo(new PeerFlood(), opts)).toMatchObject({
      kind: 'account_down',
      accountStatus: 'limited',
    });
  });

  it('skips a chat with the reason of the original table', () => {
    expect(reactionTo(new WriteForbidden(), opts)).toEqual({ kind: 'skip_chat', reason: 'cannot_write' });
    expect(reactionTo(new ChatPrivate(), opts)).toEqual({ kind: 'skip_chat', reason: 'private_or_ban' });
    expect(reactionTo(new UserBannedInChat(), opts)).toEqual({
      kind: 'skip_chat',
      reason: 'banned_in_channel',
    });
    expect(reactionTo(new TelegramUnknownError(new Error('socket hang up')), opts)).toEqual({
      kind: 'unknown',
      reason: 'unknown_error',
    });
  });
});

describe('engagement', () => {
  const ctx = {
    chatOf: (id: string) => (id === '-100' ? 'chat-1' : undefined),
    isScriptAccount: (id: string) => id === '7',
    lineOf: (_chat: string, id: number) => (id === 50 ? 3 : undefined),
    isScriptMessage: (_chat: string, id: number) => id === 60,
  };
  const msg = (over: Partial<TelegramMessage>): TelegramMessage => ({
    id: 99,
    chat: { id: '-100', kind: 'supergroup', title: 'C', username: null, membersCount: null },
    sender: { id: '42', username: 'm', firstName: 'M', lastName: null, isBot: false },
    text: 'how much is it?',
    date: new Date(0),
    replyToId: null,
    outgoing: false,
    ...over,
  });

  it('counts members, not the script accounts, bots or other chats', () => {
    expect(memberMessage(msg({}), ctx)).toMatchObject({
      kind: 'message',
      chatId: 'chat-1',
      replyToLineNo: null,
    });
    expect(memberMessage(msg({ replyToId: 50 }), ctx)).toMatchObject({ kind: 'reply', replyToLineNo: 3 });
    expect(memberMessage(msg({ replyToId: 60 }), ctx)).toMatchObject({ kind: 'reply', replyToLineNo: null });
    expect(
      memberMessage(
        msg({ sender: { id: '7', username: null, firstName: 'A', lastName: null, isBot: false } }),
        ctx,
      ),
    ).toBeNull();
    expect(
      memberMessage(
        msg({ sender: { id: '8', username: null, firstName: 'B', lastName: null, isBot: true } }),
        ctx,
      ),
    ).toBeNull();
    expect(
      memberMessage(
        msg({ chat: { id: '-200', kind: 'group', title: null, username: null, membersCount: null } }),
        ctx,
      ),
    ).toBeNull();
  });
});

describe('run outcome', () => {
  const base = {
    chats: 3,
    skippedChats: [],
    unavailableAccounts: [],
    unconfirmed: [],
    sent: 24,
    stopped: false,
  };
  it('is done with problems listed, failed when every chat was skipped, stopped when stopped', () => {
    expect(runOutcome(base)).toEqual({ status: 'done', problems: [] });
    const skipped = runOutcome({ ...base, skippedChats: [{ chatId: 'c2', reason: 'cannot_write' }] });
    expect(skipped.status).toBe('done');
    expect(skipped.problems).toEqual([{ chat_id: 'c2', reason: 'cannot_write', text: 'cannot write' }]);
    expect(
      runOutcome({
        ...base,
        sent: 0,
        skippedChats: ['c1', 'c2', 'c3'].map((chatId) => ({ chatId, reason: 'private_or_ban' })),
      }).status,
    ).toBe('failed');
    expect(runOutcome({ ...base, stopped: true }).status).toBe('stopped');
  });
});
