-- Views read through joins, subqueries and CTEs; CTE names are not relations.
CREATE SCHEMA reporting;
CREATE TABLE customers (id int PRIMARY KEY, name text, region text);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers, total numeric, status text);
CREATE TABLE refunds (order_id int, amount numeric);

CREATE VIEW customer_totals AS
WITH paid AS (SELECT * FROM orders WHERE status = 'paid')
SELECT c.id, c.name, sum(p.total) AS total
FROM customers c LEFT JOIN paid p ON p.customer_id = c.id
WHERE NOT EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = p.id)
GROUP BY c.id, c.name;

CREATE OR REPLACE VIEW all_orders AS SELECT * FROM orders;
CREATE VIEW renamed_cols (order_id, amount) AS SELECT id, total FROM orders;

CREATE MATERIALIZED VIEW reporting.revenue_by_region AS
SELECT c.region, count(*) AS orders, sum(o.total) AS revenue
FROM orders o JOIN customers c ON c.id = o.customer_id
GROUP BY c.region
WITH NO DATA;
CREATE UNIQUE INDEX ON reporting.revenue_by_region (region);
REFRESH MATERIALIZED VIEW reporting.revenue_by_region;
COMMENT ON MATERIALIZED VIEW reporting.revenue_by_region IS 'Refreshed nightly.';
