-- Cart and checkout flow.

-- Current cart of a logged-in customer.
-- calls: 30000
SELECT ci.id, ci.variant_id, ci.quantity, v.sku, p.name, p.price + v.price_delta AS unit_price
FROM carts c
JOIN cart_items ci ON ci.cart_id = c.id
JOIN product_variants v ON v.id = ci.variant_id
JOIN products p ON p.id = v.product_id
WHERE c.customer_id = $1
ORDER BY ci.added_at;

-- Add to cart (or bump the quantity).
-- calls: 8000
INSERT INTO cart_items (cart_id, variant_id, quantity)
VALUES ($1, $2, $3)
ON CONFLICT (cart_id, variant_id)
DO UPDATE SET quantity = cart_items.quantity + EXCLUDED.quantity;

-- Remove a line from the cart.
-- calls: 2500
DELETE FROM cart_items
WHERE cart_id = $1 AND variant_id = $2;

-- Validate a coupon code typed at checkout.
-- calls: 1500
SELECT id, discount_percent
FROM coupons
WHERE code = $1
  AND is_active
  AND valid_from <= now()
  AND (valid_until IS NULL OR valid_until > now());

-- Has this customer already used the coupon? (count(*) used as an existence test)
-- calls: 1500
SELECT count(*)
FROM coupon_redemptions
WHERE coupon_id = $1 AND customer_id = $2;

-- Place the order.
-- calls: 1200
INSERT INTO orders (customer_id, status, total)
VALUES ($1, 'pending', $2)
RETURNING id, public_id;

-- Copy the order lines.
-- calls: 3600
INSERT INTO order_items (order_id, product_id, quantity, unit_price)
VALUES ($1, $2, $3, $4);

-- Reserve stock in a warehouse.
-- calls: 3600
UPDATE inventory
SET reserved = reserved + $3, updated_at = now()
WHERE warehouse_id = $1 AND variant_id = $2
  AND quantity - reserved >= $3;

-- Record the payment attempt.
-- calls: 1300
INSERT INTO payments (order_id, amount, provider, provider_ref)
VALUES ($1, $2, $3, $4)
RETURNING id;

-- Payment provider webhook: mark the order paid.
-- calls: 1100
UPDATE orders
SET status = 'paid'
WHERE id = $1 AND status = 'pending';

-- Empty the cart after checkout.
-- calls: 1100
DELETE FROM cart_items
WHERE cart_id = $1;
