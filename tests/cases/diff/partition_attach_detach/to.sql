CREATE TABLE events (
  id bigint NOT NULL,
  happened_on date NOT NULL,
  payload text
) PARTITION BY RANGE (happened_on);
CREATE TABLE events_2025 PARTITION OF events (
  CONSTRAINT events_2025_range CHECK (happened_on >= '2025-01-01' AND happened_on < '2026-01-01')
) FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
-- Archived: detached, kept as a table of its own.
CREATE TABLE events_2024 (
  id bigint NOT NULL,
  happened_on date NOT NULL,
  payload text
);
