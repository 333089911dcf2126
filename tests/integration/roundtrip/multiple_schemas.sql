-- Objects in several schemas, created with and without search_path, referring to each other across
-- schemas: foreign keys, types, sequences, views and functions.
CREATE SCHEMA app;
CREATE SCHEMA audit;
CREATE TYPE app.status AS ENUM ('active', 'closed');

SET search_path = app, public;
CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE, status status NOT NULL DEFAULT 'active');
CREATE TABLE sessions (
    id uuid PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    started_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user_idx ON sessions (user_id, started_at DESC);
CREATE VIEW active_users AS SELECT u.id, u.email FROM users u WHERE u.status = 'active';
CREATE FUNCTION user_email(uid bigint) RETURNS text LANGUAGE sql STABLE AS $$ SELECT email FROM app.users WHERE id = uid $$;

RESET search_path;
CREATE TABLE audit.events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint REFERENCES app.users (id),
    status app.status,
    at timestamptz NOT NULL DEFAULT now()
);
CREATE SEQUENCE audit.batch_seq START 100;
CREATE TABLE public.settings (key text PRIMARY KEY, value text, batch bigint DEFAULT nextval('audit.batch_seq'));
CREATE VIEW audit.user_events AS
SELECT e.id, e.at, u.email FROM audit.events e JOIN app.users u ON u.id = e.user_id;
