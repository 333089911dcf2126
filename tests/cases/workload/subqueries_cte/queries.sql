-- Correlated EXISTS and NOT IN sub-queries.
SELECT c.id, c.email
FROM customers c
WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.status = 'paid')
  AND c.id NOT IN (SELECT o2.customer_id FROM orders o2 WHERE o2.total > 1000);

-- CTE whose columns pass through to the table.
WITH recent AS (
  SELECT o.id, o.customer_id AS cust, o.total
  FROM orders o
  WHERE o.created_at > now() - interval '7 days'
)
SELECT r.cust, count(*) AS n
FROM recent r
WHERE r.total > $1
GROUP BY r.cust;

-- Recursive CTE.
WITH RECURSIVE numbers(n) AS (
  SELECT 1
  UNION ALL
  SELECT n + 1 FROM numbers WHERE n < 10
)
SELECT n FROM numbers;

-- LATERAL: latest order per customer.
SELECT c.id, last_order.created_at
FROM customers c
CROSS JOIN LATERAL (
  SELECT o.created_at FROM orders o WHERE o.customer_id = c.id ORDER BY o.created_at DESC LIMIT 1
) AS last_order;

-- Set operation.
SELECT id, email FROM customers WHERE deleted_at IS NULL
UNION
SELECT id, email FROM active_customers
ORDER BY 2;
