-- Rewritten: > 0 becomes EXISTS.
SELECT c.id FROM customers c WHERE (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) > 0;

-- Rewritten: = 0 becomes NOT EXISTS; 0 < (…) is the same test mirrored.
SELECT c.id FROM customers c WHERE (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) = 0 OR 0 < (SELECT count(1) FROM blocked b WHERE b.email = c.email);

-- Not rewritten: count(column) skips NULLs; > 1 is not an existence test; GROUP BY counts per group.
SELECT c.id FROM customers c WHERE (SELECT count(b.email) FROM blocked b) > 0;
SELECT c.id FROM customers c WHERE (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) > 1;
SELECT c.id FROM customers c WHERE (SELECT count(*) FROM orders o GROUP BY o.customer_id LIMIT 1) > 0;
