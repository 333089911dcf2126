-- Orders of a few hundred customers (no customers table here: the generator then draws customer_id from
-- a small range, so each customer has many orders and the sort matters).
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id integer NOT NULL CHECK (customer_id BETWEEN 1 AND 200),
  total numeric(12,2) NOT NULL,
  note text,
  created_at timestamptz NOT NULL DEFAULT now()
);
