CREATE TABLE products (id serial PRIMARY KEY, name text NOT NULL, price numeric(12,2) NOT NULL);
CREATE TABLE orders (id serial PRIMARY KEY, status text NOT NULL, created_at timestamp NOT NULL DEFAULT now());
CREATE TABLE order_items (
    id          serial PRIMARY KEY,
    order_id    integer NOT NULL REFERENCES orders (id),
    product_id  integer NOT NULL REFERENCES products (id),
    quantity    integer NOT NULL,
    unit_price  numeric(12,2) NOT NULL
);
