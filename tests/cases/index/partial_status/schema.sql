CREATE TYPE job_state AS ENUM ('queued', 'running', 'done', 'failed');
CREATE TABLE jobs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  state job_state NOT NULL,
  run_at timestamptz NOT NULL,
  payload text NOT NULL
);
