-- Range, list and hash partitioning; ATTACH/DETACH; a DEFAULT partition; an index on the parent.
CREATE TABLE events (
    id         bigint GENERATED ALWAYS AS IDENTITY,
    kind       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    payload    jsonb NOT NULL DEFAULT '{}'::jsonb
) PARTITION BY RANGE (created_at);

CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE events_default PARTITION OF events DEFAULT;

CREATE TABLE events_old (LIKE events INCLUDING DEFAULTS);
ALTER TABLE events ATTACH PARTITION events_old FOR VALUES FROM (MINVALUE) TO ('2025-01-01');
ALTER TABLE events DETACH PARTITION events_default;

CREATE INDEX events_payload_idx ON events USING gin (payload jsonb_path_ops);

CREATE TABLE regions (code text NOT NULL, name text) PARTITION BY LIST (lower(code));
CREATE TABLE regions_eu PARTITION OF regions FOR VALUES IN ('de', 'fr', 'it');

CREATE TABLE shards (id bigint NOT NULL, data text) PARTITION BY HASH (id);
CREATE TABLE shards_0 PARTITION OF shards FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE shards_1 PARTITION OF shards FOR VALUES WITH (MODULUS 2, REMAINDER 1);

ALTER TABLE events ADD COLUMN source text;
