export type CommentState = 'visible' | 'hidden' | 'deleted';

export interface CommentRecord {
  id: number;
  filmId: number;
  parentId: number | null;
  userId: string;
  authorName: string;
  text: string;
  createdAt: Date;
  editedAt: Date | null;
  hiddenAt: Date | null;
  deletedAt: Date | null;
  deletedBy: 'author' | 'moderator' | null;
}

export interface Viewer {
  id: string;
  admin: boolean;
}

export interface CommentView {
  id: number;
  filmId: number;
  parentId: number | null;
  state: CommentState;
  deletedBy: 'author' | 'moderator' | null;
  text: string | null;
  author: { userId: string; displayName: string } | null;
  createdAt: string;
  editedAt: string | null;
  canEdit: boolean;
  canDelete: boolean;
  canModerate: boolean;
}

export function stateOf(c: Pick<CommentRecord, 'hiddenAt' | 'deletedAt'>): CommentState {
  if (c.deletedAt) return 'deleted';
  return c.hiddenAt ? 'hidden' : 'visible';
}

/**
 * What a viewer sees of a comment: a hidden one keeps its text only for admins and its
 * author (others see that a moderator removed it); a deleted one keeps neither text nor author.
 */
export function presentComment(c: CommentRecord, viewer: Viewer | null): CommentView {
  const state = stateOf(c);
  const own = viewer?.id === c.userId;
  const admin = viewer?.admin ?? false;
  const showText = state === 'visible' || (state === 'hidden' && (own || admin));
  return {
    id: c.id,
    filmId: c.filmId,
    parentId: c.parentId,
    state,
    deletedBy: state === 'deleted' ? c.deletedBy : null,
    text: showText ? c.text : null,
    author: state === 'deleted' ? null : { userId: c.userId, displayName: c.authorName },
    createdAt: c.createdAt.toISOString(),
    editedAt: c.editedAt?.toISOString() ?? null,
    canEdit: own && state === 'visible',
    canDelete: state !== 'deleted' && (own || admin),
    canModerate: admin && state !== 'deleted',
  };
}

export type ReplyRefusal = 'nested' | 'other-film' | 'unavailable';

/** Why a comment cannot take a reply (one level of replies, same film, parent still shown). */
export function replyRefusal(
  parent: Pick<CommentRecord, 'filmId' | 'parentId' | 'hiddenAt' | 'deletedAt'>,
  filmId: number,
): ReplyRefusal | null {
  if (parent.filmId !== filmId) return 'other-film';
  if (parent.parentId !== null) return 'nested';
  if (stateOf(parent) !== 'visible') return 'unavailable';
  return null;
}
