CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped', 'delivered', 'cancelled');
CREATE TABLE orders (id bigint PRIMARY KEY, status order_status NOT NULL DEFAULT 'new', note text);
CREATE INDEX orders_status_idx ON orders (status);
CREATE TABLE returns (id bigint PRIMARY KEY, order_id bigint REFERENCES orders, previous_status order_status);
