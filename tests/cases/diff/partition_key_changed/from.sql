CREATE TABLE events (
  id bigint NOT NULL,
  region text NOT NULL,
  created_at date NOT NULL,
  payload text,
  CONSTRAINT events_pkey PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE events_old PARTITION OF events DEFAULT;
CREATE INDEX events_region_idx ON events (region);
COMMENT ON TABLE events IS 'Audit events';
