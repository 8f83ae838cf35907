import { WatchStatus } from '@switchyard/contracts';
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
import { putWatchStatus, removeWatchStatus } from '../repositories/lists';
import type { Deps } from './deps';
import { iso, prepareWrite, requireFilm } from './helpers';
import { FilmIdParam, schemas, security } from './schemas';

export const putWatchStatusRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'put',
      path: '/{id}/watch-status',
      tags: ['lists'],
      summary: 'Set your watch status for a film (verified users)',
      security,
      request: { params: FilmIdParam, ...jsonInput(z.object({ status: WatchStatus })) },
      responses: { 200: jsonBody(schemas.WatchState, 'The status'), ...problems(400, 401, 403, 404) },
    },
    async (c) => {
      const user = requireActive(c);
      const { id } = c.req.valid('param');
      const { status } = c.req.valid('json');
      const row = await deps.transaction(async (trx) => {
        await prepareWrite(trx, id, user.id);
        return putWatchStatus(trx, user.id, id, status);
      });
      return c.json(
        {
          status: WatchStatus.parse(row.status),
          createdAt: iso(row.created_at),
          updatedAt: iso(row.updated_at),
        },
        200,
      );
    },
  );

export const deleteWatchStatusRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'delete',
      path: '/{id}/watch-status',
      tags: ['lists'],
      summary: 'Clear your watch status for a film',
      security,
      request: { params: FilmIdParam },
      responses: { 204: { description: 'Cleared' }, ...problems(400, 401, 404) },
    },
    async (c) => {
      const user = requireUser(c);
      const { id } = c.req.valid('param');
      await requireFilm(deps.db, id);
      if (!(await removeWatchStatus(deps.db, user.id, id))) throw notFound('Watch status');
      return c.body(null, 204);
    },
  );
