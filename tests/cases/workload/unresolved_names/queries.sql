-- Unknown table.
SELECT * FROM no_such_table WHERE x = 1;

-- Unknown column, qualified and unqualified.
SELECT o.id, o.colour
FROM orders o
WHERE missing_column = $1;

-- Unknown alias.
SELECT o.id FROM orders o WHERE z.id = 1;

-- Ambiguous column.
SELECT id FROM orders JOIN customers ON customers.id = orders.customer_id;

-- DDL in a workload file is skipped.
CREATE INDEX orders_status_idx ON orders (status);
