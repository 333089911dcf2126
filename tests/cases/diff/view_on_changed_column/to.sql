CREATE TABLE customers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email varchar(50) NOT NULL,
  name text
);
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id bigint NOT NULL,
  total integer NOT NULL,
  note text
);
ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);
CREATE VIEW order_totals AS SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id;
CREATE VIEW big_spenders AS SELECT customer_id FROM order_totals WHERE total > 1000;
