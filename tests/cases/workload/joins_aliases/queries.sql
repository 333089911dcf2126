-- Explicit joins with aliases, a LEFT JOIN and an ORDER BY on an alias column.
SELECT o.id, c.email, p.name AS product
FROM orders o
JOIN customers c ON c.id = o.customer_id
JOIN order_items oi ON oi.order_id = o.id
LEFT JOIN products p ON p.id = oi.product_id AND p.is_active
WHERE o.customer_id = $1
ORDER BY o.created_at DESC
LIMIT 20;

-- Implicit comma join, schema-qualified table.
SELECT i.amount, o.status
FROM billing.invoices i, orders o
WHERE i.order_id = o.id
  AND i.issued_at >= $1;

-- JOIN … USING: the merged column is not ambiguous.
SELECT order_id, sum(quantity) AS units
FROM order_items
JOIN billing.invoices USING (order_id)
GROUP BY order_id
ORDER BY units DESC;

-- A view is resolved to the view.
SELECT ac.email FROM active_customers ac WHERE ac.id = $1;
