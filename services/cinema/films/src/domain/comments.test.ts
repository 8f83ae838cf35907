import { describe, expect, it } from 'vitest';
import { presentComment, replyRefusal, type CommentRecord } from './comments';

const base: CommentRecord = {
  id: 1,
  filmId: 10,
  parentId: null,
  userId: 'author',
  authorName: 'Ann',
  text: 'hello',
  createdAt: new Date('2024-01-01T00:00:00Z'),
  editedAt: null,
  hiddenAt: null,
  deletedAt: null,
  deletedBy: null,
};

describe('comment presentation', () => {
  it('shows a visible comment to everyone; only its author may edit it', () => {
    expect(presentComment(base, null)).toMatchObject({ text: 'hello', canEdit: false, canDelete: false });
    expect(presentComment(base, { id: 'author', admin: false })).toMatchObject({
      canEdit: true,
      canDelete: true,
    });
    expect(presentComment(base, { id: 'mod', admin: true })).toMatchObject({
      canEdit: false,
      canDelete: true,
      canModerate: true,
    });
  });

  it('shows a hidden comment as removed to others, with its text to admins and its author', () => {
    const hidden = { ...base, hiddenAt: new Date() };
    expect(presentComment(hidden, null)).toMatchObject({ state: 'hidden', text: null });
    expect(presentComment(hidden, { id: 'other', admin: false }).text).toBeNull();
    expect(presentComment(hidden, { id: 'author', admin: false })).toMatchObject({
      text: 'hello',
      canEdit: false,
    });
    expect(presentComment(hidden, { id: 'mod', admin: true }).text).toBe('hello');
  });

  it('keeps neither text nor author of a deleted comment', () => {
    const deleted = { ...base, deletedAt: new Date(), deletedBy: 'moderator' as const };
    expect(presentComment(deleted, { id: 'mod', admin: true })).toMatchObject({
      state: 'deleted',
      deletedBy: 'moderator',
      text: null,
      author: null,
      canDelete: false,
    });
  });

  it('takes replies on top-level comments of the same film only', () => {
    expect(replyRefusal(base, 10)).toBeNull();
    expect(replyRefusal(base, 11)).toBe('other-film');
    expect(replyRefusal({ ...base, parentId: 5 }, 10)).toBe('nested');
    expect(replyRefusal({ ...base, hiddenAt: new Date() }, 10)).toBe('unavailable');
  });
});
