-- The simulated Telegram world. Entities are JSON documents (only the sandbox reads them);
-- messages get their own rows because they are many and only ever appended.
CREATE TABLE sandbox_meta (key text PRIMARY KEY, value jsonb NOT NULL);
CREATE TABLE sandbox_users (id bigint PRIMARY KEY, data jsonb NOT NULL);
CREATE TABLE sandbox_accounts (id text PRIMARY KEY, data jsonb NOT NULL);
CREATE TABLE sandbox_chats (id text PRIMARY KEY, data jsonb NOT NULL);
CREATE TABLE sandbox_dialogs (key text PRIMARY KEY, data jsonb NOT NULL);
CREATE TABLE sandbox_bots (user_id bigint PRIMARY KEY, data jsonb NOT NULL);
CREATE TABLE sandbox_faults (id text PRIMARY KEY, data jsonb NOT NULL);
-- Client keys are stored as sha256 hashes; the key itself lives only in the client's session string.
CREATE TABLE sandbox_sessions (key_hash text PRIMARY KEY, account_id text NOT NULL);
CREATE TABLE sandbox_messages (
  chat_key text NOT NULL,
  id integer NOT NULL,
  sender_id bigint,
  text text NOT NULL,
  reply_to integer,
  sent_at bigint NOT NULL,
  PRIMARY KEY (chat_key, id)
);
