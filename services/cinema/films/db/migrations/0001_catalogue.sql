-- The catalogue. Genres, countries, languages and companies are arrays: each filter is one
-- containment test on its own array, so a genre and a country never have to share an index.
CREATE TABLE films (
  id bigserial PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  title text NOT NULL,
  original_title text NOT NULL,
  title_ru text,
  tagline text,
  overview text NOT NULL DEFAULT '',
  overview_ru text,
  release_date date,
  runtime integer CHECK (runtime IS NULL OR runtime > 0),
  genres text[] NOT NULL DEFAULT '{}',
  countries text[] NOT NULL DEFAULT '{}',
  languages text[] NOT NULL DEFAULT '{}',
  companies text[] NOT NULL DEFAULT '{}',
  budget bigint CHECK (budget IS NULL OR budget >= 0),
  adult boolean NOT NULL DEFAULT false,
  popularity double precision NOT NULL DEFAULT 0,
  imdb_id text,
  trailer_youtube_id text,
  poster_key text,
  rating_avg double precision NOT NULL DEFAULT 0,
  rating_count integer NOT NULL DEFAULT 0,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  -- English and Russian stems of titles and descriptions; ё is folded to е on both sides.
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title || ' ' || original_title), 'A') ||
    setweight(to_tsvector('russian', translate(coalesce(title_ru, '') || ' ' || original_title, 'ёЁ', 'еЕ')), 'A') ||
    setweight(to_tsvector('english', coalesce(tagline, '')), 'B') ||
    setweight(to_tsvector('english', overview), 'C') ||
    setweight(to_tsvector('russian', translate(coalesce(overview_ru, ''), 'ёЁ', 'еЕ')), 'C')
  ) STORED
);

CREATE INDEX films_search_idx ON films USING gin (search);
CREATE INDEX films_title_trgm_idx ON films USING gin (title gin_trgm_ops);
CREATE INDEX films_original_title_trgm_idx ON films USING gin (original_title gin_trgm_ops);
CREATE INDEX films_title_ru_trgm_idx ON films USING gin (title_ru gin_trgm_ops);
CREATE INDEX films_genres_idx ON films USING gin (genres);
CREATE INDEX films_countries_idx ON films USING gin (countries);
CREATE INDEX films_popularity_idx ON films (popularity, id);
CREATE INDEX films_rating_idx ON films (rating_avg, id);
CREATE INDEX films_release_idx ON films (release_date, id);

-- Slugs the bundled catalogue has loaded once: a film an admin deleted is not seeded again.
CREATE TABLE catalogue_seed (
  slug text PRIMARY KEY,
  seeded_at timestamptz(3) NOT NULL DEFAULT now()
);

-- Film vectors for smart search, per embedding model; source_hash tells when to re-embed.
CREATE TABLE film_embeddings (
  film_id bigint NOT NULL REFERENCES films (id) ON DELETE CASCADE,
  model text NOT NULL,
  source_hash text NOT NULL,
  vector real[] NOT NULL,
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (film_id, model)
);
