import type { RouteDef } from '@switchyard/kit';
import {
  deleteCommentRoute,
  editCommentRoute,
  listCommentsRoute,
  listRepliesRoute,
  moderateCommentRoute,
  postCommentRoute,
} from './comments';
import { createFilmRoute } from './create-film';
import { deleteFilmRoute } from './delete-film';
import { deletePosterRoute } from './delete-poster';
import type { Deps } from './deps';
import { deleteFavouriteRoute, putFavouriteRoute } from './favourite';
import { filterValuesRoute } from './filter-values';
import { getFilmRoute } from './get-film';
import { listFilmsRoute } from './list-films';
import { myFavouritesRoute, myWatchlistRoute } from './my-lists';
import { generatedPosterRoute, storedPosterRoute } from './posters';
import { getMyProfileRoute, getProfileRoute, profileFavouritesRoute, putMyProfileRoute } from './profiles';
import { deleteRatingRoute, getRatingRoute, putRatingRoute } from './rating';
import { searchRoute } from './search';
import { smartSearchRoute } from './smart-search';
import { updateFilmRoute } from './update-film';
import { uploadPosterRoute } from './upload-poster';
import { deleteWatchStatusRoute, putWatchStatusRoute } from './watch-status';

export type { Deps };

/** Every operation; fixed paths come before `/{ref}` and `/{id}/...`, which would match them too. */
export function routes(deps: Deps): RouteDef[] {
  return [
    // fixed paths
    listFilmsRoute,
    filterValuesRoute,
    searchRoute,
    smartSearchRoute,
    createFilmRoute,
    getMyProfileRoute,
    putMyProfileRoute,
    myFavouritesRoute,
    myWatchlistRoute,
    getProfileRoute,
    profileFavouritesRoute,
    storedPosterRoute,
    // one film
    getFilmRoute,
    updateFilmRoute,
    deleteFilmRoute,
    generatedPosterRoute,
    uploadPosterRoute,
    deletePosterRoute,
    getRatingRoute,
    putRatingRoute,
    deleteRatingRoute,
    putFavouriteRoute,
    deleteFavouriteRoute,
    putWatchStatusRoute,
    deleteWatchStatusRoute,
    listCommentsRoute,
    postCommentRoute,
    listRepliesRoute,
    editCommentRoute,
    deleteCommentRoute,
    moderateCommentRoute,
  ].map((route) => route(deps));
}
