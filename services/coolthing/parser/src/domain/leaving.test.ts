import { describe, expect, it } from 'vitest';
import type { AssignedChat } from './assignment';
import { assignedChatIds, chatsToLeave } from './leaving';

const chat = (id: string): AssignedChat => ({ id, link: null, username: id, telegramId: null, title: null });
const campaigns = (...chatIds: string[][]) => chatIds.map((ids) => ({ chats: ids.map(chat) }));

/** The decision after an assignment: `joined` maps registry ids to the Telegram chats joined for them. */
const leave = (joined: Record<string, string>, assigned: string[][], memberships?: string[]) =>
  chatsToLeave(
    memberships ?? Object.values(joined),
    new Map(Object.entries(joined)),
    assignedChatIds(campaigns(...assigned)),
  );

describe('chatsToLeave', () => {
  it('leaves a chat dropped from the campaign and keeps the others', () => {
    expect(leave({ a: '-1001', b: '-1002' }, [['a']])).toEqual(['-1002']);
  });

  it('leaves every chat when the assignment is empty (campaign paused or deleted, account reassigned)', () => {
    expect(leave({ a: '-1001', b: '-1002' }, [])).toEqual(['-1001', '-1002']);
  });

  it('keeps a chat dropped from one campaign that another campaign still has', () => {
    expect(leave({ a: '-1001', b: '-1002' }, [['b'], ['a']])).toEqual([]);
  });

  it('keeps a Telegram chat while another registry entry for it is still assigned', () => {
    expect(leave({ a: '-1001', alias: '-1001' }, [['alias']])).toEqual([]);
    expect(leave({ a: '-1001', alias: '-1001' }, [])).toEqual(['-1001']);
  });

  it('leaves the old chat of a registry chat joined again as another one (its link changed)', () => {
    expect(leave({ a: '-1002' }, [['a']], ['-1001', '-1002'])).toEqual(['-1001']);
  });

  it('leaves nothing it did not join: assigned chats never joined are not memberships', () => {
    expect(leave({}, [['a', 'b']])).toEqual([]);
    expect(leave({ a: '-1001' }, [['a', 'b']])).toEqual([]);
  });

  it('names each chat once', () => {
    expect(leave({ a: '-1001', alias: '-1001' }, [], ['-1001', '-1001'])).toEqual(['-1001']);
  });
});

describe('assignedChatIds', () => {
  it('has the chats of every campaign, each once', () => {
    expect([...assignedChatIds(campaigns(['a', 'b'], ['b', 'c'], []))].sort()).toEqual(['a', 'b', 'c']);
  });
});
