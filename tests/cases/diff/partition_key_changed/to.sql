-- Events are now queried per region: partitioned by region instead of by date.
CREATE TABLE events (
  id bigint NOT NULL,
  region text NOT NULL,
  created_at date NOT NULL,
  payload text,
  source text DEFAULT 'app',
  CONSTRAINT events_pkey PRIMARY KEY (id, region)
) PARTITION BY LIST (region);
CREATE TABLE events_eu PARTITION OF events FOR VALUES IN ('eu');
CREATE TABLE events_us PARTITION OF events FOR VALUES IN ('us');
CREATE TABLE events_old PARTITION OF events DEFAULT;
CREATE INDEX events_created_at_idx ON events (created_at);
COMMENT ON TABLE events IS 'Audit events';
