CREATE TABLE measurements (
  sensor_id integer NOT NULL,
  taken_at timestamptz NOT NULL,
  value double precision NOT NULL,
  PRIMARY KEY (sensor_id, taken_at)
);
CREATE INDEX measurements_taken_at_idx ON measurements (taken_at);
