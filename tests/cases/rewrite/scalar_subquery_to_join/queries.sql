-- Rewritten: a correlated count per customer becomes one grouped LEFT JOIN; count turns into COALESCE(…, 0).
SELECT c.id, c.email, (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) AS orders FROM customers c WHERE c.id > $1;

-- Rewritten, extra inner conditions kept in the grouped query; max stays NULL where no order exists.
SELECT c.id, (SELECT max(o.id) FROM orders o WHERE o.customer_id = c.id AND o.id > 100) FROM customers c;

-- Not rewritten: the subquery is not correlated by an equality, or is not an aggregate.
SELECT c.id, (SELECT count(*) FROM orders o WHERE o.customer_id > c.id) FROM customers c;
SELECT c.id, (SELECT o.id FROM orders o WHERE o.customer_id = c.id LIMIT 1) FROM customers c;
