-- Rewritten: an OR across two columns, with another condition kept in both branches.
SELECT o.id, o.customer_id FROM orders o WHERE o.id > $3 AND (o.customer_id = $1 OR o.id = $2);

-- Rewritten into three branches.
SELECT id FROM customers WHERE email = $1 OR referrer_id = $2 OR id = $3;

-- Not rewritten: an OR on one column is an IN list; ORDER BY/LIMIT and aggregates keep the original.
SELECT id FROM customers WHERE id = $1 OR id = $2;
SELECT id FROM customers WHERE email = $1 OR referrer_id = $2 ORDER BY id LIMIT 10;
SELECT count(*) FROM customers WHERE email = $1 OR referrer_id = $2;
