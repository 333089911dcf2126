-- No primary key, no unique key: nothing makes the order total.
CREATE TABLE events (kind text NOT NULL, happened_at timestamptz NOT NULL, payload text);
CREATE TABLE tickets (id bigint PRIMARY KEY, closed_at timestamptz, title text NOT NULL);
