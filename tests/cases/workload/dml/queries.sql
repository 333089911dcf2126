-- calls: 100
INSERT INTO order_items (order_id, product_id, quantity, unit_price)
VALUES ($1, $2, $3, $4)
ON CONFLICT (order_id, product_id)
DO UPDATE SET quantity = order_items.quantity + EXCLUDED.quantity;

-- calls: 50
INSERT INTO orders (customer_id, total)
VALUES ($1, $2)
RETURNING id, created_at;

-- calls: 10
INSERT INTO billing.invoices (order_id, amount, issued_at)
SELECT o.id, o.total, now() FROM orders o WHERE o.status = 'paid';

-- calls: 30
UPDATE orders o
SET status = 'shipped'
FROM customers c
WHERE c.id = o.customer_id AND c.email = $1
RETURNING o.id;

-- calls: 5
DELETE FROM order_items oi
USING orders o
WHERE oi.order_id = o.id AND o.status = 'cancelled';

-- calls: 2
MERGE INTO products p
USING (SELECT product_id, max(unit_price) AS price FROM order_items GROUP BY product_id) s
ON p.id = s.product_id
WHEN MATCHED THEN UPDATE SET price = s.price;
