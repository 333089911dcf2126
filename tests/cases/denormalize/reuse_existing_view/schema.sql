CREATE TABLE orders (
    id          bigint PRIMARY KEY,
    status      text NOT NULL,
    total       numeric(12,2) NOT NULL,
    created_at  timestamp NOT NULL
);
CREATE MATERIALIZED VIEW daily_revenue AS
SELECT date_trunc('day', o.created_at) AS day, count(*) AS orders, sum(o.total) AS revenue
FROM orders o
WHERE o.status <> 'cancelled'
GROUP BY 1;
CREATE UNIQUE INDEX daily_revenue_day_idx ON daily_revenue (day);

-- Same tables, other filter: not reusable for the second query.
CREATE MATERIALIZED VIEW paid_revenue AS
SELECT date_trunc('day', created_at) AS day, sum(total) AS revenue FROM orders WHERE status = 'paid' GROUP BY 1;
