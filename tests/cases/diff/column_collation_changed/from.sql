CREATE TABLE customers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL,
  name text COLLATE "POSIX",
  city text
);
CREATE INDEX customers_name_idx ON customers (name);
