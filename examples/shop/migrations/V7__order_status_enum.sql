-- V7: move orders.status from free text to the order_status enum created in V3.
-- The daily_revenue materialized view, the pending-orders partial index and
-- the audit trigger depend on the column, so they are dropped and recreated
-- around the change.

BEGIN;

DROP MATERIALIZED VIEW daily_revenue;
DROP INDEX orders_pending_idx;
DROP TRIGGER orders_status_audit ON orders;

ALTER TABLE orders ALTER COLUMN status DROP DEFAULT;
ALTER TABLE orders ALTER COLUMN status TYPE order_status USING status::order_status;
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'pending';

CREATE INDEX orders_pending_idx ON orders (created_at) WHERE status = 'pending';

CREATE TRIGGER orders_status_audit
    BEFORE UPDATE OF status ON orders
    FOR EACH ROW
    EXECUTE FUNCTION log_order_status_change();

CREATE MATERIALIZED VIEW daily_revenue AS
SELECT date_trunc('day', o.created_at) AS day,
       count(*)                        AS orders,
       sum(o.total)                    AS revenue
FROM orders o
WHERE o.status <> 'cancelled'
GROUP BY 1;

CREATE UNIQUE INDEX daily_revenue_day_idx ON daily_revenue (day);

COMMIT;
