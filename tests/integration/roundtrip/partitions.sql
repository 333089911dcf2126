-- Range, list and hash partitioning, DEFAULT partitions, sub-partitions, keys and indexes on the parent
-- (which PostgreSQL copies to every partition), ATTACH and DETACH.
--
-- DDL path gap: a partition keeps its copies of the parent's PRIMARY KEY and indexes when it is detached
-- (they become its own); the replay's DETACH (AttachPartition in src/sources/ddl/alter_table.cc) only
-- clears partition_of, so archived_events loses them in the model.
-- expect-difference: constraint archived_events_pkey on public.archived_events
-- expect-difference: index public.archived_events_pkey
-- expect-difference: index public.archived_events_payload_idx
-- expect-difference: index public.archived_events_kind_created_at_idx
CREATE TABLE events (
    id bigint NOT NULL,
    kind text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    payload jsonb NOT NULL DEFAULT '{}'::jsonb,
    PRIMARY KEY (id, created_at),
    CHECK (kind <> '')
) PARTITION BY RANGE (created_at);

CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE events_default PARTITION OF events DEFAULT;
CREATE TABLE events_old (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE events ATTACH PARTITION events_old FOR VALUES FROM (MINVALUE) TO ('2025-01-01');
CREATE INDEX events_payload_idx ON events USING gin (payload jsonb_path_ops);
CREATE INDEX events_kind_idx ON events (kind, created_at);

CREATE TABLE regions (code text NOT NULL, name text, population bigint) PARTITION BY LIST (lower(code));
CREATE TABLE regions_eu PARTITION OF regions FOR VALUES IN ('de', 'fr', 'it');
CREATE TABLE regions_us PARTITION OF regions (population WITH OPTIONS DEFAULT 0) FOR VALUES IN ('us');
CREATE TABLE regions_null PARTITION OF regions FOR VALUES IN (NULL);

CREATE TABLE shards (id bigint NOT NULL, data text) PARTITION BY HASH (id);
CREATE TABLE shards_0 PARTITION OF shards FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE shards_1 PARTITION OF shards FOR VALUES WITH (MODULUS 2, REMAINDER 1);

CREATE TABLE measurements (
    sensor_id int NOT NULL,
    taken_on date NOT NULL,
    value double precision
) PARTITION BY RANGE (taken_on, sensor_id);
CREATE TABLE measurements_2025 PARTITION OF measurements
    FOR VALUES FROM ('2025-01-01', 0) TO ('2026-01-01', 0) PARTITION BY LIST (sensor_id);
CREATE TABLE measurements_2025_a PARTITION OF measurements_2025 FOR VALUES IN (1, 2, 3);
CREATE TABLE measurements_2025_rest PARTITION OF measurements_2025 DEFAULT;

CREATE TABLE archived_events (LIKE events INCLUDING CONSTRAINTS);
ALTER TABLE events ATTACH PARTITION archived_events FOR VALUES FROM ('2030-01-01') TO ('2031-01-01');
ALTER TABLE events DETACH PARTITION archived_events;

ALTER TABLE events ADD COLUMN source text;
