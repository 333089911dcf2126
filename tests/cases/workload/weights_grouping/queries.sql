-- Queries differing only in constants and spacing are one query with summed calls.

-- name: order by id
-- calls: 120
SELECT * FROM orders WHERE id = 1;

-- calls: 30.5
select *   from orders
  where id = 2;

-- weight: 7
SELECT * FROM orders WHERE id = $1;

-- No weight comment: counts once.
SELECT count(*) FROM customers;

-- calls: often
SELECT 1 FROM products;
