CREATE TABLE products (
  id bigint PRIMARY KEY,
  name text NOT NULL,
  price numeric(12,2) NOT NULL,
  created_at timestamptz NOT NULL,
  category_id bigint NOT NULL,
  sku text NOT NULL UNIQUE
);
CREATE INDEX products_category_created ON products (category_id, created_at);
