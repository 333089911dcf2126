-- Tables with every kind of column and table constraint, relying on PostgreSQL's default names.
CREATE TABLE customers (
    id          serial PRIMARY KEY,
    email       varchar(255) NOT NULL UNIQUE,
    name        text COLLATE "C",
    balance     numeric(12,2) NOT NULL DEFAULT 0 CHECK (balance >= 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orders (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customers ON DELETE CASCADE,
    coupon      text,
    placed_at   timestamp(3),
    amounts     numeric[],
    total       numeric GENERATED ALWAYS AS (amounts[1] + amounts[2]) STORED,
    CHECK (coupon IS NULL OR length(coupon) = 8),
    UNIQUE NULLS NOT DISTINCT (customer_id, coupon) INCLUDE (placed_at)
);

CREATE TABLE order_notes (
    order_id  bigint,
    seq       int,
    body      text NOT NULL,
    CONSTRAINT order_notes_pk PRIMARY KEY (order_id, seq),
    CONSTRAINT order_notes_order_fk FOREIGN KEY (order_id) REFERENCES orders (id)
        MATCH FULL ON DELETE NO ACTION ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE rooms (
    id      int PRIMARY KEY,
    during  tstzrange NOT NULL,
    status  text NOT NULL DEFAULT 'ok',
    EXCLUDE USING gist (id WITH =, during WITH &&) WHERE (status <> 'cancelled')
);

CREATE INDEX ON orders (placed_at DESC NULLS LAST);
CREATE INDEX customers_lower_email_idx ON customers (lower(email) text_pattern_ops);
CREATE UNIQUE INDEX orders_open_idx ON orders (customer_id) WHERE coupon IS NULL;
