-- calls: 500
SELECT * FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 20;
-- calls: 50
SELECT c.country, count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.status = 'open' GROUP BY c.country;
SELECT * FROM customers WHERE lower(email) = lower($1);
-- A query PostgreSQL cannot plan: the report must say why instead of failing.
SELECT no_such_column FROM orders;
