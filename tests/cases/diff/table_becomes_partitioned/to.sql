-- Old measurements are dropped a month at a time: partitioned by month.
CREATE TABLE measurements (
  sensor_id integer NOT NULL,
  taken_at timestamptz NOT NULL,
  value double precision NOT NULL,
  PRIMARY KEY (sensor_id, taken_at)
) PARTITION BY RANGE (taken_at);
CREATE TABLE measurements_2025_01 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2025-02-01');
CREATE TABLE measurements_rest PARTITION OF measurements DEFAULT;
CREATE INDEX measurements_taken_at_idx ON measurements (taken_at);
