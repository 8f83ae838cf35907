-- What films knows about its users: a display name (identity's UserRegistered, or set here)
-- and whether their profile page is public. Films never reads identity's tables.
CREATE TABLE film_users (
  user_id text PRIMARY KEY,
  display_name text,
  is_public boolean NOT NULL DEFAULT false,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE ratings (
  user_id text NOT NULL REFERENCES film_users (user_id) ON DELETE CASCADE,
  film_id bigint NOT NULL REFERENCES films (id) ON DELETE CASCADE,
  value numeric(2, 1) NOT NULL CHECK (value >= 0.5 AND value <= 5 AND value * 2 = trunc(value * 2)),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, film_id)
);
CREATE INDEX ratings_film_idx ON ratings (film_id);

CREATE TABLE favourites (
  user_id text NOT NULL REFERENCES film_users (user_id) ON DELETE CASCADE,
  film_id bigint NOT NULL REFERENCES films (id) ON DELETE CASCADE,
  added_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, film_id)
);
CREATE INDEX favourites_user_added_idx ON favourites (user_id, added_at DESC, film_id DESC);

CREATE TABLE watch_statuses (
  user_id text NOT NULL REFERENCES film_users (user_id) ON DELETE CASCADE,
  film_id bigint NOT NULL REFERENCES films (id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('watching', 'planned', 'watched', 'postponed', 'abandoned')),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  -- Set on insert as well as on every change.
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, film_id)
);
CREATE INDEX watch_statuses_user_idx ON watch_statuses (user_id, status, updated_at DESC, film_id DESC);

CREATE TABLE comments (
  id bigserial PRIMARY KEY,
  film_id bigint NOT NULL REFERENCES films (id) ON DELETE CASCADE,
  parent_id bigint,
  user_id text NOT NULL REFERENCES film_users (user_id) ON DELETE CASCADE,
  text text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  edited_at timestamptz(3),
  hidden_at timestamptz(3),
  hidden_by text,
  deleted_at timestamptz(3),
  deleted_by text CHECK (deleted_by IS NULL OR deleted_by IN ('author', 'moderator')),
  UNIQUE (id, film_id),
  -- A reply's parent is a comment on the same film.
  FOREIGN KEY (parent_id, film_id) REFERENCES comments (id, film_id) ON DELETE CASCADE
);
CREATE INDEX comments_film_idx ON comments (film_id, id) WHERE parent_id IS NULL;
CREATE INDEX comments_parent_idx ON comments (parent_id, id) WHERE parent_id IS NOT NULL;
