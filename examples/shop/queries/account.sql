-- Customer account area.

-- Login.
-- calls: 9000
SELECT id, email, password_hash, full_name
FROM customers
WHERE lower(email) = lower($1)
  AND deleted_at IS NULL;

-- Touch last_seen_at on every authenticated request.
-- calls: 50000
UPDATE customers
SET last_seen_at = now()
WHERE id = $1;

-- Order history with lines (orders -> order_items -> products).
-- calls: 5000
SELECT o.public_id, o.status, o.total, o.created_at,
       oi.quantity, oi.unit_price, p.name AS product_name
FROM orders o
JOIN order_items oi ON oi.order_id = o.id
JOIN products p ON p.id = oi.product_id
WHERE o.customer_id = $1
ORDER BY o.created_at DESC
LIMIT 50;

-- Order tracking page (by the public id from the confirmation email).
-- calls: 7000
SELECT o.id, o.status, s.carrier, s.tracking_number, s.shipped_at, s.delivered_at
FROM orders o
LEFT JOIN shipments s ON s.order_id = o.id
WHERE o.public_id = $1;

-- Saved addresses.
-- calls: 3000
SELECT id, line1, line2, city, postal_code, country_code, is_default
FROM addresses
WHERE customer_id = $1
ORDER BY is_default DESC, id;

-- "Write a review" button: only for customers who bought the product.
-- calls: 2000
SELECT EXISTS (
    SELECT 1
    FROM orders o
    JOIN order_items oi ON oi.order_id = o.id
    WHERE o.customer_id = $1
      AND oi.product_id = $2
      AND o.status IN ('paid', 'shipped', 'delivered')
);

-- Post a review.
-- calls: 400
INSERT INTO reviews (product_id, customer_id, rating, title, body, is_verified)
VALUES ($1, $2, $3, $4, $5, $6);

-- "My reviews" list.
-- calls: 600
SELECT r.id, r.product_id, r.rating, r.title, r.created_at
FROM reviews r
WHERE r.customer_id = $1
  AND r.deleted_at IS NULL
ORDER BY r.created_at DESC;

-- GDPR delete: soft-delete the account.
-- calls: 5
UPDATE customers
SET deleted_at = now(), email = 'deleted+' || id || '@invalid'
WHERE id = $1;
