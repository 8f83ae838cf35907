import { describe, expect, it } from 'vitest';
import { chatOwner, chatsOf } from './chat-partition';

const chats = Array.from({ length: 60 }, (_, i) => `chat-${i}`);

describe('chat partition between the parser accounts of a campaign', () => {
  it('gives every chat to exactly one account, and all of them to a lone account', () => {
    const accounts = ['a', 'b', 'c'];
    const parts = accounts.map((a) => chatsOf(a, chats, accounts));
    expect(parts.flat().sort()).toEqual([...chats].sort());
    for (const p of parts) expect(p.length).toBeGreaterThan(5);
    expect(chatsOf('a', chats, ['a'])).toEqual(chats);
  });

  it('moves only the chats of an account that leaves, and gives them back when it returns', () => {
    const before = new Map(chats.map((c) => [c, chatOwner(c, ['a', 'b', 'c'])]));
    const without = new Map(chats.map((c) => [c, chatOwner(c, ['a', 'c'])]));
    for (const c of chats) {
      if (before.get(c) !== 'b') expect(without.get(c)).toBe(before.get(c));
      else expect(['a', 'c']).toContain(without.get(c));
    }
    expect(new Map(chats.map((c) => [c, chatOwner(c, ['c', 'b', 'a'])]))).toEqual(before);
  });

  it('gives nothing to an account that is not among the available ones', () => {
    expect(chatsOf('x', chats, ['a', 'b'])).toEqual([]);
    expect(chatOwner('chat-1', [])).toBeNull();
  });
});
