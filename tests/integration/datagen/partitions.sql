-- Partitioned tables: rows generated inside each partition's bounds (range on dates, list on text,
-- sub-partitioned), routed by PostgreSQL for hash and DEFAULT partitions; a foreign key to a partitioned
-- table; a sub-partition bounded on the key column itself.
-- rows: measurements=6000, orders=3000, sessions=2000, regional=1500, order_notes=1000
-- expect: SELECT (SELECT count(*) FROM measurements_2024) BETWEEN 1 AND 5999 = t
-- expect: SELECT count(*) > 0 FROM orders_eu = t
CREATE TABLE measurements (
    id        bigint GENERATED ALWAYS AS IDENTITY,
    taken_on  date NOT NULL,
    value     double precision NOT NULL,
    PRIMARY KEY (id, taken_on)
) PARTITION BY RANGE (taken_on);
CREATE TABLE measurements_2023 PARTITION OF measurements FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE measurements_2030 PARTITION OF measurements FOR VALUES FROM ('2030-01-01') TO ('2030-02-01');

CREATE TABLE orders (
    id      bigserial,
    region  text NOT NULL,
    placed  timestamptz NOT NULL,
    PRIMARY KEY (id, region)
) PARTITION BY LIST (region);
CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu-west', 'eu-central');
CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us-east')
    PARTITION BY RANGE (id);
CREATE TABLE orders_us_old PARTITION OF orders_us FOR VALUES FROM (MINVALUE) TO (1000);
CREATE TABLE orders_us_new PARTITION OF orders_us FOR VALUES FROM (1000) TO (MAXVALUE);

CREATE TABLE order_notes (
    id       serial PRIMARY KEY,
    order_id bigint NOT NULL,
    region   text NOT NULL,
    note     text,
    FOREIGN KEY (order_id, region) REFERENCES orders (id, region)
);

CREATE TABLE sessions (id uuid NOT NULL, user_id int NOT NULL) PARTITION BY HASH (id);
CREATE TABLE sessions_0 PARTITION OF sessions FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE sessions_1 PARTITION OF sessions FOR VALUES WITH (MODULUS 2, REMAINDER 1);

CREATE TABLE regional (id serial, country char(2) NOT NULL) PARTITION BY LIST (country);
CREATE TABLE regional_de PARTITION OF regional FOR VALUES IN ('DE');
CREATE TABLE regional_rest PARTITION OF regional DEFAULT;
