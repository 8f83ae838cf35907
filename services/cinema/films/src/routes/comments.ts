import { FilmCommentPosted } from '@switchyard/contracts';
import {
  badRequest,
  conflict,
  defineRoute,
  forbidden,
  isAdmin,
  jsonBody,
  jsonInput,
  notFound,
  problems,
  requireActive,
  requireRole,
  requireUser,
  z,
} from '@switchyard/kit';
import { presentComment, replyRefusal, stateOf, type CommentRecord } from '../domain/comments';
import type { Db } from '../db';
import {
  editComment,
  findComment,
  insertComment,
  markDeleted,
  repliesPage,
  setHidden,
  threadsPage,
} from '../repositories/comments';
import type { Deps } from './deps';
import { nextCursor, prepareWrite, readCursor, requireFilm, viewerOf } from './helpers';
import { CommentParams, cursorParam, FilmIdParam, limitParam, schemas, security } from './schemas';

const CommentText = z
  .string()
  .trim()
  .min(1, 'write something')
  .max(2000)
  .openapi({ example: 'One of the best endings ever filmed.' });

/** The comment, when it belongs to the film in the path. */
async function commentOfFilm(db: Db, filmId: number, commentId: number): Promise<CommentRecord> {
  const comment = await findComment(db, commentId);
  if (!comment || comment.filmId !== filmId || stateOf(comment) === 'deleted') throw notFound('Comment');
  return comment;
}

export const listCommentsRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/{id}/comments',
      tags: ['comments'],
      summary: "A film's comments, newest first, each with its replies",
      request: { params: FilmIdParam, query: z.object({ limit: limitParam(20, 50), cursor: cursorParam }) },
      responses: { 200: jsonBody(schemas.CommentsPage, 'Comments'), ...problems(400, 404) },
    },
    async (c) => {
      const { id } = c.req.valid('param');
      const { limit, cursor } = c.req.valid('query');
      await requireFilm(deps.db, id);
      const scope = `comments:${id}`;
      const before = readCursor(cursor, scope);
      const page = await threadsPage(deps.db, id, limit, before ? Number(before.id) : undefined);
      const viewer = viewerOf(c);
      const last = page.threads.at(-1);
      return c.json(
        {
          items: page.threads.map((t) => ({
            ...presentComment(t, viewer),
            replies: t.replies.map((r) => presentComment(r, viewer)),
            replyCount: t.replyCount,
          })),
          nextCursor: nextCursor(page.more, scope, last && { value: null, id: last.id }),
          total: page.total,
        },
        200,
      );
    },
  );

export const listRepliesRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/{id}/comments/{commentId}/replies',
      tags: ['comments'],
      summary: 'Replies to a comment, oldest first',
      request: { params: CommentParams, query: z.object({ limit: limitParam(50), cursor: cursorParam }) },
      responses: { 200: jsonBody(schemas.RepliesPage, 'Replies'), ...problems(400, 404) },
    },
    async (c) => {
      const { id, commentId } = c.req.valid('param');
      const { limit, cursor } = c.req.valid('query');
      const parent = await findComment(deps.db, commentId);
      if (!parent || parent.filmId !== id) throw notFound('Comment');
      const scope = `replies:${commentId}`;
      const after = readCursor(cursor, scope);
      const page = await repliesPage(deps.db, commentId, limit, after ? Number(after.id) : undefined);
      const viewer = viewerOf(c);
      const last = page.replies.at(-1);
      return c.json(
        {
          items: page.replies.map((r) => presentComment(r, viewer)),
          nextCursor: nextCursor(page.more, scope, last && { value: null, id: last.id }),
        },
        200,
      );
    },
  );

export const postCommentRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/{id}/comments',
      tags: ['comments'],
      summary: 'Comment on a film, or reply to a top-level comment of the same film (verified users)',
      security,
      request: {
        params: FilmIdParam,
        ...jsonInput(
          z.object({
            text: CommentText,
            parentId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
          }),
        ),
      },
      responses: {
        201: jsonBody(schemas.FilmComment, 'The comment'),
        ...problems(400, 401, 403, 404, 409),
      },
    },
    async (c) => {
      const user = requireActive(c);
      const { id } = c.req.valid('param');
      const { text, parentId } = c.req.valid('json');
      const commentId = await deps.transaction(async (trx, publish) => {
        await prepareWrite(trx, id, user.id);
        if (parentId !== undefined) {
          const parent = await findComment(trx, parentId);
          if (!parent) throw notFound('Parent comment');
          const refusal = replyRefusal(parent, id);
          if (refusal === 'other-film')
            throw badRequest('The parent comment belongs to another film.', [
              { path: 'body.parentId', message: 'comment of another film' },
            ]);
          if (refusal === 'nested')
            throw badRequest('Replies go to top-level comments only (one level of replies).', [
              { path: 'body.parentId', message: 'is a reply' },
            ]);
          if (refusal === 'unavailable') throw conflict('That comment was removed; it takes no replies.');
        }
        const newId = await insertComment(trx, {
          filmId: id,
          parentId: parentId ?? null,
          userId: user.id,
          text,
        });
        await publish(FilmCommentPosted, {
          commentId: newId,
          filmId: id,
          userId: user.id,
          parentId: parentId ?? null,
        });
        return newId;
      });
      deps.metrics.comments.inc({ action: 'posted' });
      const created = (await findComment(deps.db, commentId))!;
      return c.json(presentComment(created, viewerOf(c)), 201);
    },
  );

export const editCommentRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'patch',
      path: '/{id}/comments/{commentId}',
      tags: ['comments'],
      summary: 'Edit your comment',
      security,
      request: { params: CommentParams, ...jsonInput(z.object({ text: CommentText })) },
      responses: { 200: jsonBody(schemas.FilmComment, 'The comment'), ...problems(400, 401, 403, 404, 409) },
    },
    async (c) => {
      const user = requireActive(c);
      const { id, commentId } = c.req.valid('param');
      const comment = await commentOfFilm(deps.db, id, commentId);
      if (comment.userId !== user.id) throw forbidden('Only the author can edit a comment.');
      if (stateOf(comment) === 'hidden')
        throw conflict('A moderator removed this comment; it cannot be edited.');
      await editComment(deps.db, commentId, c.req.valid('json').text);
      deps.metrics.comments.inc({ action: 'edited' });
      return c.json(presentComment((await findComment(deps.db, commentId))!, viewerOf(c)), 200);
    },
  );

export const deleteCommentRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'delete',
      path: '/{id}/comments/{commentId}',
      tags: ['comments'],
      summary: 'Delete a comment (its author, or an admin); replies from others stay under it',
      security,
      request: { params: CommentParams },
      responses: { 204: { description: 'Deleted' }, ...problems(400, 401, 403, 404) },
    },
    async (c) => {
      const user = requireUser(c);
      const { id, commentId } = c.req.valid('param');
      const comment = await commentOfFilm(deps.db, id, commentId);
      const own = comment.userId === user.id;
      if (!own && !isAdmin(user)) throw forbidden('Only the author or a moderator can delete a comment.');
      await markDeleted(deps.db, commentId, own ? 'author' : 'moderator');
      deps.metrics.comments.inc({ action: 'deleted' });
      return c.body(null, 204);
    },
  );

export const moderateCommentRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'put',
      path: '/{id}/comments/{commentId}/moderation',
      tags: ['comments'],
      summary: 'Hide a comment from everyone but its author and admins, or show it again (admin)',
      security,
      request: { params: CommentParams, ...jsonInput(z.object({ hidden: z.boolean() })) },
      responses: { 200: jsonBody(schemas.FilmComment, 'The comment'), ...problems(400, 401, 403, 404) },
    },
    async (c) => {
      const admin = requireRole(c, 'admin', 'owner');
      const { id, commentId } = c.req.valid('param');
      await commentOfFilm(deps.db, id, commentId);
      const { hidden } = c.req.valid('json');
      await setHidden(deps.db, commentId, hidden, admin.id);
      deps.metrics.comments.inc({ action: hidden ? 'hidden' : 'restored' });
      return c.json(presentComment((await findComment(deps.db, commentId))!, viewerOf(c)), 200);
    },
  );
