-- Top 20 products by units sold in a period: the fact table order_items joined with the tables it references.
-- calls: 30
SELECT p.id, p.name, sum(oi.quantity) AS units, sum(oi.quantity * oi.unit_price) AS revenue
FROM order_items oi
JOIN orders o ON o.id = oi.order_id
JOIN products p ON p.id = oi.product_id
WHERE o.created_at >= $1 AND o.created_at < $2
GROUP BY p.id, p.name
ORDER BY units DESC
LIMIT 20;

-- calls: 3600
INSERT INTO order_items (order_id, product_id, quantity, unit_price) VALUES ($1, $2, $3, $4);
