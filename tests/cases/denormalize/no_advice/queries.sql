-- Non-decomposable: distinct customers per day cannot be summed from daily groups.
-- calls: 100
SELECT date_trunc('day', created_at), count(DISTINCT customer_id) FROM orders WHERE created_at >= $1 GROUP BY 1;

-- Non-decomposable: a percentile.
-- calls: 100
SELECT status, percentile_cont(0.5) WITHIN GROUP (ORDER BY total) FROM orders GROUP BY status;

-- Light: one customer's orders, an index on customer_id serves it.
-- calls: 5000
SELECT status, count(*) FROM orders WHERE customer_id = $1 GROUP BY status;

-- Floating-point sum: partial sums would differ in the last digits.
-- calls: 100
SELECT status, sum(weight_kg) FROM orders GROUP BY status;

-- Join not along a foreign key (refunds.order_id declares none).
-- calls: 100
SELECT o.status, sum(r.amount) FROM refunds r JOIN orders o ON o.id = r.order_id GROUP BY o.status;

-- Write-heavy fact table: 10 000 inserts per read.
-- calls: 1
SELECT page, count(*) FROM clicks WHERE created_at >= $1 GROUP BY page;

-- calls: 10000
INSERT INTO clicks (page, created_at) VALUES ($1, now());
