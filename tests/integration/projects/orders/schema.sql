CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, country text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers(id), status text NOT NULL CHECK (status IN ('open','paid','shipped')), total numeric(10,2) NOT NULL CHECK (total >= 0), created_at timestamptz NOT NULL);
