-- Back office: operations screens and reports.

-- Open orders screen (oldest first).
-- calls: 600
SELECT o.id, o.customer_id, o.total, o.created_at
FROM orders o
WHERE o.status = 'pending'
ORDER BY o.created_at
LIMIT 100;

-- Ship an order.
-- calls: 900
UPDATE orders
SET status = 'shipped'
WHERE id = $1;

-- Create the shipment record.
-- calls: 900
INSERT INTO shipments (order_id, address_id, warehouse_id, carrier, tracking_number, shipped_at)
VALUES ($1, $2, $3, $4, $5, now());

-- Carrier webhook: delivered.
-- calls: 800
UPDATE shipments
SET delivered_at = now()
WHERE tracking_number = $1;

-- Revenue per day for the last N days.
-- calls: 60
SELECT date_trunc('day', o.created_at) AS day,
       count(*)      AS orders,
       sum(o.total)  AS revenue
FROM orders o
WHERE o.created_at >= now() - make_interval(days => $1)
  AND o.status IN ('paid', 'shipped', 'delivered')
GROUP BY 1
ORDER BY 1;

-- Top 20 products by units sold in a period.
-- calls: 30
SELECT p.id, p.name, sum(oi.quantity) AS units, sum(oi.quantity * oi.unit_price) AS revenue
FROM order_items oi
JOIN orders o ON o.id = oi.order_id
JOIN products p ON p.id = oi.product_id
WHERE o.created_at >= $1 AND o.created_at < $2
GROUP BY p.id, p.name
ORDER BY units DESC
LIMIT 20;

-- Which orders contain product X (support tickets, recalls).
-- calls: 50
SELECT oi.order_id, oi.quantity
FROM order_items oi
WHERE oi.product_id = $1;

-- Low-stock alert.
-- calls: 12
SELECT w.code, v.sku, i.quantity, i.reserved
FROM inventory i
JOIN warehouses w ON w.id = i.warehouse_id
JOIN product_variants v ON v.id = i.variant_id
WHERE i.quantity - i.reserved < $1
ORDER BY i.quantity - i.reserved;

-- Customers with no order in the last 90 days (re-engagement mailing).
-- calls: 2
SELECT c.id, c.email, c.last_seen_at
FROM customers c
WHERE c.deleted_at IS NULL
  AND c.marketing_opt_in
  AND NOT EXISTS (
      SELECT 1 FROM orders o
      WHERE o.customer_id = c.id
        AND o.created_at > now() - interval '90 days'
  );

-- Finance dashboard (materialized view).
-- calls: 120
SELECT day, orders, revenue
FROM daily_revenue
WHERE day >= $1
ORDER BY day;

-- Payment captures for reconciliation.
-- calls: 24
SELECT p.id, p.order_id, p.amount, p.provider, p.provider_ref, p.created_at
FROM payments p
WHERE p.status = 'captured'
  AND p.created_at >= $1 AND p.created_at < $2;

-- Audit trail of an order from the event log.
-- calls: 200
SELECT e.event_type, e.payload, e.created_at
FROM events e
WHERE e.entity_type = 'order' AND e.entity_id = $1
ORDER BY e.created_at;

-- Event log search by payload.
-- calls: 40
SELECT e.id, e.event_type, e.created_at
FROM events e
WHERE e.payload @> $1::jsonb
  AND e.created_at >= $2;
