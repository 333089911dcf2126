CREATE TABLE events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL,
  subject_id bigint NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX events_kind_idx ON events (kind);
CREATE INDEX events_kind_subject_idx ON events (kind, subject_id);
CREATE INDEX events_created_idx ON events (created_at);
CREATE INDEX events_created_at_copy_idx ON events (created_at);
