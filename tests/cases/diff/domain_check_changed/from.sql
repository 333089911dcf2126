CREATE DOMAIN quantity AS integer CHECK (VALUE > 0);
CREATE DOMAIN price AS numeric(12,2) CONSTRAINT price_positive CHECK (VALUE > 0);
CREATE TABLE order_lines (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  amount quantity NOT NULL,
  unit_price price NOT NULL
);
