import { useId, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { films } from '../../api';
import type { CommentThread, FilmComment } from '../../api/types';
import { useAuth } from '../../auth/auth';
import { EditIcon, EyeOffIcon, ReplyIcon, TrashIcon } from '../../components/Icons';
import { ErrorState, Notice } from '../../components/States';
import { useI18n } from '../../i18n/i18n';
import { errorMessage, fieldErrorsOf } from '../../lib/errors';
import { useCursorList } from '../../lib/hooks';

interface ComposerProps {
  label: string;
  submitLabel: string;
  initial?: string;
  autoFocus?: boolean;
  onSubmit(text: string): Promise<void>;
  onCancel?(): void;
}

/** A text box that posts, edits or replies; the server's field error shows under it. */
function Composer({ label, submitLabel, initial = '', autoFocus, onSubmit, onCancel }: ComposerProps) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fieldError = fieldErrorsOf(error).text;
  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        setBusy(true);
        setError(null);
        onSubmit(text.trim()).then(
          () => {
            setBusy(false);
            setText('');
          },
          (err: unknown) => {
            setBusy(false);
            setError(err);
          },
        );
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <textarea
        id={id}
        value={text}
        rows={3}
        maxLength={2000}
        placeholder={t('comments.placeholder')}
        autoFocus={autoFocus}
        aria-invalid={fieldError ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && onCancel?.()}
      />
      {error ? (
        <p className="field__error" id={`${id}-error`} role="alert">
          {fieldError ?? errorMessage(t, error)}
        </p>
      ) : null}
      <div className="composer__actions">
        {onCancel && (
          <button type="button" className="btn btn--ghost btn--small" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
        <button type="submit" className="btn btn--primary btn--small" disabled={busy || !text.trim()}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

interface ItemProps {
  comment: FilmComment;
  filmId: number;
  onReply?(): void;
  onChanged(comment: FilmComment): void;
}

function CommentItem({ comment, filmId, onReply, onChanged }: ItemProps) {
  const { t, date } = useI18n();
  const { user } = useAuth();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const author = comment.author?.displayName ?? t('comments.anonymous');
  const own = !!user && comment.author?.userId === user.id;

  const act = async (action: () => Promise<FilmComment>) => {
    setError(null);
    try {
      onChanged(await action());
    } catch (err) {
      setError(err);
    }
  };
  const remove = () => {
    if (!window.confirm(t('comments.confirmDelete'))) return;
    void act(async () => {
      await films.deleteComment(filmId, comment.id);
      return {
        ...comment,
        state: 'deleted',
        deletedBy: own ? 'author' : 'moderator',
        text: null,
        canEdit: false,
        canDelete: false,
        canModerate: false,
      };
    });
  };

  if (comment.state === 'deleted')
    return (
      <div className="comment comment--deleted" data-comment-id={comment.id}>
        <p className="muted">
          {comment.deletedBy === 'moderator'
            ? t('comments.deletedByModerator')
            : t('comments.deletedByAuthor')}
        </p>
      </div>
    );

  return (
    <div
      className={`comment${comment.state === 'hidden' ? ' comment--hidden' : ''}`}
      data-comment-id={comment.id}
    >
      <div className="comment__head">
        <span className="avatar" aria-hidden="true">
          {author.slice(0, 1).toUpperCase()}
        </span>
        {comment.author ? (
          <Link to={`/users/${comment.author.userId}`} className="comment__author">
            {author}
          </Link>
        ) : (
          <span className="comment__author">{author}</span>
        )}
        <time dateTime={comment.createdAt} className="comment__date">
          {date(comment.createdAt, true)}
        </time>
        {comment.editedAt && <span className="comment__edited">· {t('comments.edited')}</span>}
        {comment.state === 'hidden' && (
          <span className="badge badge--muted">
            <EyeOffIcon size={13} />
            {t('comments.hidden')}
          </span>
        )}
      </div>
      {editing ? (
        <Composer
          label={t('comments.editLabel')}
          submitLabel={t('common.save')}
          initial={comment.text ?? ''}
          autoFocus
          onCancel={() => setEditing(false)}
          onSubmit={async (text) => {
            onChanged(await films.editComment(filmId, comment.id, text));
            setEditing(false);
          }}
        />
      ) : (
        <>
          {comment.text !== null && <p className="comment__text">{comment.text}</p>}
          {comment.state === 'hidden' && comment.text !== null && (
            <p className="comment__note">{t('comments.hiddenNote')}</p>
          )}
        </>
      )}
      {!editing && (
        <div className="comment__actions">
          {onReply && comment.state === 'visible' && (
            <button type="button" className="link-button" onClick={onReply}>
              <ReplyIcon size={15} />
              {t('comments.reply')}
            </button>
          )}
          {comment.canEdit && comment.state === 'visible' && (
            <button type="button" className="link-button" onClick={() => setEditing(true)}>
              <EditIcon size={15} />
              {t('common.edit')}
            </button>
          )}
          {comment.canModerate && (
            <button
              type="button"
              className="link-button"
              onClick={() =>
                void act(() => films.moderateComment(filmId, comment.id, comment.state !== 'hidden'))
              }
            >
              <EyeOffIcon size={15} />
              {comment.state === 'hidden' ? t('comments.unhide') : t('comments.hide')}
            </button>
          )}
          {comment.canDelete && (
            <button type="button" className="link-button link-button--danger" onClick={remove}>
              <TrashIcon size={15} />
              {t('common.delete')}
            </button>
          )}
        </div>
      )}
      {error ? <Notice kind="error">{errorMessage(t, error)}</Notice> : null}
    </div>
  );
}

export function Comments({ filmId, total: initialTotal }: { filmId: number; total: number }) {
  const { t } = useI18n();
  const { user, isVerified } = useAuth();
  const location = useLocation();
  const [total, setTotal] = useState(initialTotal);
  const [replyTo, setReplyTo] = useState<number | null>(null);
  const [replyCursors, setReplyCursors] = useState<Record<number, string | null>>({});
  const list = useCursorList<CommentThread>(
    async (cursor) => {
      const page = await films.comments(filmId, cursor);
      setTotal(page.total);
      return page;
    },
    [filmId, user?.id],
  );

  const updateThread = (id: number, change: (thread: CommentThread) => CommentThread) =>
    list.setItems((items) => items.map((th) => (th.id === id ? change(th) : th)));

  const replaceComment = (updated: FilmComment) =>
    list.setItems((items) =>
      items.map((th) =>
        th.id === updated.id
          ? { ...th, ...updated }
          : updated.parentId === th.id
            ? { ...th, replies: th.replies.map((r) => (r.id === updated.id ? updated : r)) }
            : th,
      ),
    );

  const moreReplies = async (thread: CommentThread) => {
    const page = await films.replies(filmId, thread.id, replyCursors[thread.id] ?? undefined);
    updateThread(thread.id, (th) => {
      const known = new Set(th.replies.map((r) => r.id));
      return { ...th, replies: [...th.replies, ...page.items.filter((r) => !known.has(r.id))] };
    });
    setReplyCursors((c) => ({ ...c, [thread.id]: page.nextCursor }));
  };

  return (
    <section aria-labelledby="comments-title" className="panel comments">
      <h2 id="comments-title">
        {t('comments.title')} <span className="count">{total}</span>
      </h2>
      {!user && (
        <p className="muted">
          <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('comments.signIn')}</Link>
        </p>
      )}
      {user && !isVerified && <p className="muted">{t('comments.verify')}</p>}
      {user && isVerified && (
        <Composer
          label={t('comments.write')}
          submitLabel={t('comments.post')}
          onSubmit={async (text) => {
            const created = await films.postComment(filmId, text);
            list.setItems((items) => [{ ...created, replies: [], replyCount: 0 }, ...items]);
            setTotal((n) => n + 1);
          }}
        />
      )}

      {list.error && !list.items.length ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {!list.loading && !list.error && list.items.length === 0 && (
        <p className="muted">{t('comments.empty')}</p>
      )}

      <ol className="comment-list">
        {list.items.map((thread) => {
          const moreCount = thread.replyCount - thread.replies.length;
          return (
            <li key={thread.id} className="thread">
              <CommentItem
                comment={thread}
                filmId={filmId}
                onChanged={replaceComment}
                onReply={isVerified ? () => setReplyTo(replyTo === thread.id ? null : thread.id) : undefined}
              />
              {(thread.replies.length > 0 || replyTo === thread.id) && (
                <ol className="replies">
                  {thread.replies.map((reply) => (
                    <li key={reply.id}>
                      <CommentItem
                        comment={reply}
                        filmId={filmId}
                        onChanged={replaceComment}
                        onReply={
                          isVerified && thread.state === 'visible' ? () => setReplyTo(thread.id) : undefined
                        }
                      />
                    </li>
                  ))}
                  {moreCount > 0 && replyCursors[thread.id] !== null && (
                    <li>
                      <button type="button" className="link-button" onClick={() => void moreReplies(thread)}>
                        {t('comments.moreReplies', { count: moreCount })}
                      </button>
                    </li>
                  )}
                  {replyTo === thread.id && (
                    <li>
                      <Composer
                        label={t('comments.replyTo', { name: thread.author?.displayName ?? '' })}
                        submitLabel={t('comments.postReply')}
                        autoFocus
                        onCancel={() => setReplyTo(null)}
                        onSubmit={async (text) => {
                          const created = await films.postComment(filmId, text, thread.id);
                          updateThread(thread.id, (th) => ({
                            ...th,
                            replies: [...th.replies, created],
                            replyCount: th.replyCount + 1,
                          }));
                          setReplyTo(null);
                        }}
                      />
                    </li>
                  )}
                </ol>
              )}
            </li>
          );
        })}
      </ol>
      {list.loading && <p className="muted">{t('common.loading')}</p>}
      {list.hasMore && !list.loading && (
        <button type="button" className="btn" onClick={list.loadMore}>
          {t('comments.more')}
        </button>
      )}
    </section>
  );
}
