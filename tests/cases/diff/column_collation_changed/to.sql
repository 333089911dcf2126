CREATE TABLE customers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text COLLATE "C" NOT NULL,
  name text,
  city text
);
CREATE INDEX customers_name_idx ON customers (name);
