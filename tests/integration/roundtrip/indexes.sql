-- Index shapes: partial, expression, INCLUDE, DESC/NULLS, operator classes, collations, unique, NULLS NOT
-- DISTINCT, default names, and the gin, gist, brin and hash access methods.
CREATE TABLE documents (
    id bigint PRIMARY KEY,
    owner_id bigint NOT NULL,
    title text NOT NULL,
    email text,
    body jsonb NOT NULL DEFAULT '{}',
    tags text[] NOT NULL DEFAULT '{}',
    location point,
    valid_during tstzrange,
    created_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    score numeric
);

CREATE INDEX documents_owner_idx ON documents (owner_id);
CREATE INDEX ON documents (owner_id, created_at DESC);
CREATE INDEX documents_live_idx ON documents (created_at) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX documents_email_lower_idx ON documents (lower(email)) WHERE email IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX documents_title_pattern_idx ON documents (title text_pattern_ops);
CREATE INDEX documents_title_c_idx ON documents (title COLLATE "C");
CREATE INDEX documents_score_idx ON documents (score DESC NULLS LAST, id ASC NULLS FIRST);
CREATE INDEX documents_owner_cover_idx ON documents (owner_id) INCLUDE (title, created_at);
CREATE UNIQUE INDEX documents_title_owner_idx ON documents (owner_id, title) NULLS NOT DISTINCT;
CREATE INDEX documents_body_idx ON documents USING gin (body jsonb_path_ops);
CREATE INDEX documents_body_default_idx ON documents USING gin (body);
CREATE INDEX documents_tags_idx ON documents USING gin (tags);
CREATE INDEX documents_location_idx ON documents USING gist (location);
CREATE INDEX documents_valid_idx ON documents USING gist (valid_during);
CREATE INDEX documents_created_brin ON documents USING brin (created_at) ;
CREATE INDEX documents_email_hash ON documents USING hash (email);
CREATE INDEX documents_expr_idx ON documents ((body ->> 'kind'), (score * 2)) WHERE score BETWEEN 0 AND 100;
CREATE INDEX documents_year_idx ON documents (date_trunc('year', created_at AT TIME ZONE 'UTC'));
CREATE INDEX CONCURRENTLY documents_deleted_idx ON documents (deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS documents_owner_idx ON documents (title);
