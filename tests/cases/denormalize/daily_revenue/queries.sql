-- Revenue per day for the last N days: a one-sided range with now(), constant status filter.
-- calls: 60
SELECT date_trunc('day', o.created_at) AS day, count(*) AS orders, sum(o.total) AS revenue, avg(o.total) AS average
FROM orders o
WHERE o.created_at >= now() - make_interval(days => $1)
  AND o.status IN ('paid', 'shipped', 'delivered')
GROUP BY 1
ORDER BY 1;

-- Revenue per status in a period: a two-sided range with parameters, strict lower bound.
-- calls: 20
SELECT status, count(*), min(total), max(total) FROM orders WHERE created_at > $1 AND created_at <= $2 GROUP BY status;

-- calls: 1200
INSERT INTO orders (id, customer_id, status, total, created_at) VALUES ($1, $2, 'pending', $3, now());
