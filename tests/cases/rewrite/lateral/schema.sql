CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL);
CREATE TABLE addresses (
  id bigint PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers,
  is_default boolean NOT NULL,
  city text NOT NULL,
  zip text
);
-- At most one default address per customer.
CREATE UNIQUE INDEX addresses_one_default ON addresses (customer_id) WHERE is_default;
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers, status text NOT NULL,
                     total numeric NOT NULL, placed_at timestamptz NOT NULL);
CREATE TABLE profiles (customer_id bigint PRIMARY KEY REFERENCES customers, nickname text, avatar_url text);
