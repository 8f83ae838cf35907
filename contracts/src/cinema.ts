import { defineEvent, defineExchange } from '@switchyard/bus';
import { z } from 'zod';

/** Facts the films service publishes for anyone who wants to follow the catalogue. */
export const cinemaExchange = defineExchange({ name: 'cinema_exchange', deadLetterExchange: 'cinema_dlx' });

export const FilmCatalogueChanged = defineEvent({
  type: 'cinema.film_catalogue_changed',
  exchange: cinemaExchange,
  routingKey: { pattern: 'catalogue.*', of: (p: { change: string }) => `catalogue.${p.change}` },
  schema: z.object({
    filmId: z.number().int().positive(),
    slug: z.string().min(1).max(120),
    change: z.enum(['created', 'updated', 'deleted']),
  }),
});

export const FilmRated = defineEvent({
  type: 'cinema.film_rated',
  exchange: cinemaExchange,
  routingKey: 'rating.changed',
  schema: z.object({
    filmId: z.number().int().positive(),
    userId: z.string().min(1).max(64),
    /** The user's new rating; null when they removed it. */
    value: z.number().min(0.5).max(5).nullable(),
    average: z.number().min(0).max(5).nullable(),
    count: z.number().int().min(0),
  }),
});

export const FilmCommentPosted = defineEvent({
  type: 'cinema.comment_posted',
  exchange: cinemaExchange,
  routingKey: 'comment.posted',
  schema: z.object({
    commentId: z.number().int().positive(),
    filmId: z.number().int().positive(),
    userId: z.string().min(1).max(64),
    parentId: z.number().int().positive().nullable(),
  }),
});

// HTTP shapes of the films API (`/api/cinema/films`), shared with the web app.

export const FILM_GENRES = [
  'Action',
  'Adventure',
  'Animation',
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Family',
  'Fantasy',
  'History',
  'Horror',
  'Music',
  'Mystery',
  'Romance',
  'Science Fiction',
  'Thriller',
  'War',
  'Western',
] as const;
export const FilmGenre = z.enum(FILM_GENRES);
export type FilmGenre = z.infer<typeof FilmGenre>;

export const WATCH_STATUSES = ['watching', 'planned', 'watched', 'postponed', 'abandoned'] as const;
export const WatchStatus = z.enum(WATCH_STATUSES);
export type WatchStatus = z.infer<typeof WatchStatus>;

export const RatingSummary = z.object({
  /** Mean of all ratings rounded to 2 decimals; null when nobody rated the film. */
  average: z.number().nullable(),
  count: z.number().int(),
});

export const FilmListItem = z.object({
  id: z.number().int(),
  slug: z.string(),
  title: z.string(),
  originalTitle: z.string(),
  titleRu: z.string().nullable(),
  tagline: z.string().nullable(),
  releaseDate: z.string().nullable().describe('YYYY-MM-DD, null when unknown'),
  year: z.number().int().nullable(),
  runtime: z.number().int().nullable(),
  genres: z.array(z.string()),
  countries: z.array(z.string()),
  adult: z.boolean(),
  popularity: z.number(),
  posterUrl: z.string(),
  /** True when the poster is the generated SVG (no uploaded image). */
  posterGenerated: z.boolean(),
  rating: RatingSummary,
});
export type FilmListItem = z.infer<typeof FilmListItem>;

export const FilmPage = z.object({
  items: z.array(FilmListItem),
  /** Opaque; pass as `cursor` for the next page. Null on the last page. */
  nextCursor: z.string().nullable(),
  /** Films matching the filters, all pages together. */
  total: z.number().int(),
});

export const WatchState = z.object({
  status: WatchStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const MyFilmState = z.object({
  rating: z.number().nullable(),
  favourite: z.boolean(),
  favouritedAt: z.string().nullable(),
  watch: WatchState.nullable(),
});

export const FilmDetails = FilmListItem.extend({
  overview: z.string(),
  overviewRu: z.string().nullable(),
  languages: z.array(z.string()),
  companies: z.array(z.string()),
  budget: z.number().nullable(),
  imdbId: z.string().nullable(),
  imdbUrl: z.string().nullable(),
  trailer: z.object({ youtubeId: z.string(), embedUrl: z.string(), watchUrl: z.string() }).nullable(),
  commentsCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The caller's rating, favourite flag and watch status; null for guests. */
  me: MyFilmState.nullable(),
});
export type FilmDetails = z.infer<typeof FilmDetails>;

export const FilterValues = z.object({
  genres: z.array(z.object({ name: z.string(), nameRu: z.string(), count: z.number().int() })),
  countries: z.array(
    z.object({ code: z.string(), name: z.string(), nameRu: z.string(), count: z.number().int() }),
  ),
  years: z.object({ min: z.number().int().nullable(), max: z.number().int().nullable() }),
});

export const SearchHit = z.object({ film: FilmListItem, score: z.number() });

export const SearchPage = z.object({
  query: z.string(),
  mode: z.literal('fulltext'),
  items: z.array(SearchHit),
  /** Pass as `offset` for more results; null when there are none. */
  nextOffset: z.number().int().nullable(),
});

export const SmartSearchResult = z.object({
  query: z.string(),
  /** `semantic`: ranked by embedding similarity; `fulltext`: the fallback ranking. */
  mode: z.enum(['semantic', 'fulltext']),
  /** Why the full-text fallback answered (`not_configured`, `not_indexed`, `unavailable`). */
  fallbackReason: z.string().nullable(),
  items: z.array(SearchHit),
});

export const CommentAuthor = z.object({ userId: z.string(), displayName: z.string() });

export const FilmComment = z.object({
  id: z.number().int(),
  filmId: z.number().int(),
  parentId: z.number().int().nullable(),
  /** `hidden`: removed by a moderator (text shown only to admins and the author); `deleted`: gone. */
  state: z.enum(['visible', 'hidden', 'deleted']),
  deletedBy: z.enum(['author', 'moderator']).nullable(),
  text: z.string().nullable(),
  author: CommentAuthor.nullable(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  canEdit: z.boolean(),
  canDelete: z.boolean(),
  canModerate: z.boolean(),
});

export const CommentThread = FilmComment.extend({
  replies: z.array(FilmComment),
  /** All replies; `replies` carries at most the first 50 (the rest through the replies endpoint). */
  replyCount: z.number().int(),
});

export const CommentsPage = z.object({
  items: z.array(CommentThread),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});

export const RepliesPage = z.object({
  items: z.array(FilmComment),
  nextCursor: z.string().nullable(),
});

export const FavouriteItem = z.object({ film: FilmListItem, addedAt: z.string() });
export const FavouritesPage = z.object({ items: z.array(FavouriteItem), nextCursor: z.string().nullable() });

export const WatchlistItem = WatchState.extend({ film: FilmListItem });
export const WatchlistPage = z.object({ items: z.array(WatchlistItem), nextCursor: z.string().nullable() });

export const FilmsProfile = z.object({
  userId: z.string(),
  displayName: z.string(),
  isPublic: z.boolean(),
  favouritesCount: z.number().int(),
  ratingsCount: z.number().int(),
  favourites: FavouritesPage,
});
