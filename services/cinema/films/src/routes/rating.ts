import { FilmRated } from '@switchyard/contracts';
import {
  defineRoute,
  jsonBody,
  jsonInput,
  notFound,
  problems,
  requireActive,
  requireUser,
  z,
} from '@switchyard/kit';
import { isValidRating, presentAverage } from '../domain/rating';
import { lockFilm } from '../repositories/film-writes';
import { putRating, ratingOf, ratingTotals, removeRating, type RatingTotals } from '../repositories/ratings';
import { touchUser } from '../repositories/users';
import type { Deps } from './deps';
import { FilmIdParam, security } from './schemas';

const RatingView = z
  .object({
    filmId: z.number().int(),
    average: z.number().nullable(),
    count: z.number().int(),
    /** The caller's rating; null for guests and when they have not rated. */
    mine: z.number().nullable(),
  })
  .openapi('FilmRating');

const view = (filmId: number, totals: RatingTotals, mine: number | null) => ({
  filmId,
  average: presentAverage(totals.average, totals.count),
  count: totals.count,
  mine,
});

export const getRatingRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/{id}/rating',
      tags: ['ratings'],
      summary: "A film's average rating and count (and the caller's own rating)",
      request: { params: FilmIdParam },
      responses: { 200: jsonBody(RatingView, 'Rating'), ...problems(400, 404) },
    },
    async (c) => {
      const { id } = c.req.valid('param');
      const totals = await ratingTotals(deps.db, id);
      if (!totals) throw notFound('Film');
      const user = c.get('user');
      return c.json(view(id, totals, user ? await ratingOf(deps.db, id, user.id) : null), 200);
    },
  );

export const putRatingRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'put',
      path: '/{id}/rating',
      tags: ['ratings'],
      summary: 'Rate a film from 0.5 to 5 in half steps (verified users; one rating per user)',
      security,
      request: {
        params: FilmIdParam,
        ...jsonInput(
          z.object({
            value: z.number().refine(isValidRating, 'a rating from 0.5 to 5 in steps of 0.5'),
          }),
        ),
      },
      responses: { 200: jsonBody(RatingView, 'The new rating'), ...problems(400, 401, 403, 404) },
    },
    async (c) => {
      const user = requireActive(c);
      const { id } = c.req.valid('param');
      const { value } = c.req.valid('json');
      const totals = await deps.transaction(async (trx, publish) => {
        // The lock orders concurrent ratings of one film, so the average never loses one.
        if (!(await lockFilm(trx, id))) throw notFound('Film');
        await touchUser(trx, user.id);
        const t = await putRating(trx, id, user.id, value);
        await publish(FilmRated, {
          filmId: id,
          userId: user.id,
          value,
          average: presentAverage(t.average, t.count),
          count: t.count,
        });
        return t;
      });
      await deps.listing.invalidate();
      deps.metrics.ratings.inc({ action: 'set' });
      return c.json(view(id, totals, value), 200);
    },
  );

export const deleteRatingRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'delete',
      path: '/{id}/rating',
      tags: ['ratings'],
      summary: 'Remove your rating of a film',
      security,
      request: { params: FilmIdParam },
      responses: { 200: jsonBody(RatingView, 'The rating without yours'), ...problems(400, 401, 404) },
    },
    async (c) => {
      const user = requireUser(c);
      const { id } = c.req.valid('param');
      const totals = await deps.transaction(async (trx, publish) => {
        if (!(await lockFilm(trx, id))) throw notFound('Film');
        const t = await removeRating(trx, id, user.id);
        if (!t) throw notFound('Rating');
        await publish(FilmRated, {
          filmId: id,
          userId: user.id,
          value: null,
          average: presentAverage(t.average, t.count),
          count: t.count,
        });
        return t;
      });
      await deps.listing.invalidate();
      deps.metrics.ratings.inc({ action: 'removed' });
      return c.json(view(id, totals, null), 200);
    },
  );
