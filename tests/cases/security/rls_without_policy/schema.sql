-- failing: row-level security enabled, no policy
CREATE TABLE notes (id bigint PRIMARY KEY, owner_id bigint NOT NULL, body text);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;

-- passing: enabled with a policy
CREATE TABLE tasks (id bigint PRIMARY KEY, owner_id bigint NOT NULL);
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_tasks ON tasks USING (owner_id = current_setting('app.user_id')::bigint);
