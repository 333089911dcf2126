CREATE TABLE events (
  id bigint NOT NULL,
  happened_on date NOT NULL,
  payload text
) PARTITION BY RANGE (happened_on);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- Loaded on its own, then attached; its CHECK lets ATTACH skip the scan.
CREATE TABLE events_2025 (
  id bigint NOT NULL,
  happened_on date NOT NULL,
  payload text,
  CONSTRAINT events_2025_range CHECK (happened_on >= '2025-01-01' AND happened_on < '2026-01-01')
);
