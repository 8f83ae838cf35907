import type { Generated, Kysely } from '@switchyard/store';

/** The films service's tables, as Kysely sees them. */
export interface FilmsDB {
  films: FilmsTable;
  catalogue_seed: { slug: string; seeded_at: Generated<Date> };
  film_embeddings: {
    film_id: number;
    model: string;
    source_hash: string;
    vector: number[];
    updated_at: Generated<Date>;
  };
  film_users: {
    user_id: string;
    display_name: string | null;
    is_public: Generated<boolean>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  ratings: {
    user_id: string;
    film_id: number;
    /** numeric(2,1): the driver returns it as a string. */
    value: string | number;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  favourites: { user_id: string; film_id: number; added_at: Generated<Date> };
  watch_statuses: {
    user_id: string;
    film_id: number;
    status: string;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  comments: {
    id: Generated<number>;
    film_id: number;
    parent_id: number | null;
    user_id: string;
    text: string;
    created_at: Generated<Date>;
    edited_at: Date | null;
    hidden_at: Date | null;
    hidden_by: string | null;
    deleted_at: Date | null;
    deleted_by: 'author' | 'moderator' | null;
  };
}

export interface FilmsTable {
  id: Generated<number>;
  slug: string;
  title: string;
  original_title: string;
  title_ru: string | null;
  tagline: string | null;
  overview: Generated<string>;
  overview_ru: string | null;
  /** date: read back as a Date at UTC midnight, written as 'YYYY-MM-DD'. */
  release_date: Date | string | null;
  runtime: number | null;
  genres: Generated<string[]>;
  countries: Generated<string[]>;
  languages: Generated<string[]>;
  companies: Generated<string[]>;
  budget: number | null;
  adult: Generated<boolean>;
  popularity: Generated<number>;
  imdb_id: string | null;
  trailer_youtube_id: string | null;
  poster_key: string | null;
  rating_avg: Generated<number>;
  rating_count: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type Db = Kysely<FilmsDB>;
