-- name: latest orders of a customer
-- calls: 5000
SELECT id, total, created_at FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 20;
