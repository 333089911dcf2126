-- V6: read models for the storefront and the finance dashboard.

BEGIN;

CREATE VIEW active_products AS
SELECT p.id, p.sku, p.name, p.price, p.created_at
FROM products p
WHERE p.is_active;

CREATE MATERIALIZED VIEW daily_revenue AS
SELECT date_trunc('day', o.created_at) AS day,
       count(*)                        AS orders,
       sum(o.total)                    AS revenue
FROM orders o
WHERE o.status <> 'cancelled'
GROUP BY 1;

-- Needed for REFRESH MATERIALIZED VIEW CONCURRENTLY.
CREATE UNIQUE INDEX daily_revenue_day_idx ON daily_revenue (day);

-- "Show my orders, newest first" on the account page.
CREATE INDEX orders_customer_id_created_at_idx ON orders (customer_id, created_at);

-- Admin "open orders" screen only ever looks at pending ones.
CREATE INDEX orders_pending_idx ON orders (created_at) WHERE status = 'pending';

COMMIT;
