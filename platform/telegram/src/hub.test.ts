import { describe, expect, it } from 'vitest';
import { MessageHub } from './hub';
import type { TelegramMessage } from './port';

const msg = (
  id: number,
  kind: 'private' | 'supergroup',
  chatId = 'c',
  outgoing = false,
): TelegramMessage => ({
  id,
  chat: { id: chatId, kind, title: null, username: null, membersCount: null },
  sender: null,
  text: `m${id}`,
  date: new Date(),
  replyToId: null,
  outgoing,
});

describe('MessageHub', () => {
  it('filters by scope, chat and direction', () => {
    const hub = new MessageHub();
    const all: number[] = [];
    const priv: number[] = [];
    const one: number[] = [];
    hub.onMessage((m) => all.push(m.id));
    hub.onMessage((m) => priv.push(m.id), { scope: 'private' });
    hub.onMessage((m) => one.push(m.id), { chatIds: ['x'], includeOutgoing: true });
    hub.emitMessage(msg(1, 'supergroup'));
    hub.emitMessage(msg(2, 'private'));
    hub.emitMessage(msg(3, 'supergroup', 'x', true));
    expect(all).toEqual([1, 2]);
    expect(priv).toEqual([2]);
    expect(one).toEqual([3]);
  });

  it('iterates buffered messages and ends on close', async () => {
    const hub = new MessageHub();
    const stream = hub.messages();
    hub.emitMessage(msg(1, 'supergroup'));
    hub.emitMessage(msg(2, 'supergroup'));
    const it = stream[Symbol.asyncIterator]();
    expect((await it.next()).value?.id).toBe(1);
    expect((await it.next()).value?.id).toBe(2);
    const pending = it.next();
    hub.clear();
    expect((await pending).done).toBe(true);
    expect(hub.size).toBe(0);
  });

  it('keeps delivering when one handler throws', () => {
    const errors: unknown[] = [];
    const hub = new MessageHub((e) => errors.push(e));
    const got: number[] = [];
    hub.onMessage(() => {
      throw new Error('bad handler');
    });
    hub.onMessage((m) => got.push(m.id));
    hub.emitMessage(msg(7, 'private'));
    expect(got).toEqual([7]);
    expect(errors).toHaveLength(1);
  });
});
