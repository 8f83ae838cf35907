import { WatchStatus } from '@switchyard/contracts';
import { defineRoute, jsonBody, problems, requireUser, z } from '@switchyard/kit';
import { toListItem } from '../domain/film-view';
import { favouritesPage, watchlistPage } from '../repositories/lists';
import type { Deps } from './deps';
import { iso, nextCursor, readCursor } from './helpers';
import { cursorParam, limitParam, schemas, security } from './schemas';

/** One page of a user's favourites, newest first (also used by public profiles). */
export async function favouritesOf(deps: Deps, userId: string, limit: number, cursor?: string) {
  const scope = 'favourites';
  const after = readCursor(cursor, scope);
  const { rows, more } = await favouritesPage(
    deps.db,
    userId,
    limit,
    after ? { at: String(after.value), filmId: Number(after.id) } : undefined,
  );
  const last = rows.at(-1);
  return {
    items: rows.map((r) => ({ film: toListItem(r, deps.poster), addedAt: iso(r.added_at) })),
    nextCursor: nextCursor(more, scope, last && { value: iso(last.added_at), id: Number(last.id) }),
  };
}

export const myFavouritesRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/me/favourites',
      tags: ['lists'],
      summary: 'Your favourite films, newest first',
      security,
      request: { query: z.object({ limit: limitParam(24), cursor: cursorParam }) },
      responses: { 200: jsonBody(schemas.FavouritesPage, 'Favourites'), ...problems(400, 401) },
    },
    async (c) => {
      const user = requireUser(c);
      const { limit, cursor } = c.req.valid('query');
      return c.json(await favouritesOf(deps, user.id, limit, cursor), 200);
    },
  );

export const myWatchlistRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/me/watchlist',
      tags: ['lists'],
      summary: 'Your films by watch status (all statuses when none is given), most recently changed first',
      security,
      request: {
        query: z.object({ status: WatchStatus.optional(), limit: limitParam(24), cursor: cursorParam }),
      },
      responses: { 200: jsonBody(schemas.WatchlistPage, 'Watch list'), ...problems(400, 401) },
    },
    async (c) => {
      const user = requireUser(c);
      const { status, limit, cursor } = c.req.valid('query');
      const scope = `watchlist:${status ?? 'all'}`;
      const after = readCursor(cursor, scope);
      const { rows, more } = await watchlistPage(
        deps.db,
        user.id,
        status,
        limit,
        after ? { at: String(after.value), filmId: Number(after.id) } : undefined,
      );
      const last = rows.at(-1);
      return c.json(
        {
          items: rows.map((r) => ({
            film: toListItem(r, deps.poster),
            status: WatchStatus.parse(r.status),
            createdAt: iso(r.created_at),
            updatedAt: iso(r.updated_at),
          })),
          nextCursor: nextCursor(more, scope, last && { value: iso(last.updated_at), id: Number(last.id) }),
        },
        200,
      );
    },
  );
