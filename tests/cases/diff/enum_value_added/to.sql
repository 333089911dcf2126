CREATE TYPE order_status AS ENUM ('new', 'paid', 'packed', 'shipped', 'delivered');
CREATE TABLE orders (id bigint PRIMARY KEY, status order_status NOT NULL DEFAULT 'new');
CREATE INDEX orders_packed_idx ON orders (id) WHERE status = 'packed';
