-- Storefront / catalog queries (product listing, search, product page).

-- Category page: active products in a category, cheapest first.
-- calls: 42000
SELECT p.id, p.sku, p.name, p.price
FROM products p
JOIN product_categories pc ON pc.product_id = p.id
JOIN categories c ON c.id = pc.category_id
WHERE c.slug = $1
  AND p.is_active
ORDER BY p.price, p.id
LIMIT 24;

-- Category page, "page N" links (OFFSET pagination).
-- calls: 9000
SELECT p.id, p.name, p.price
FROM products p
JOIN product_categories pc ON pc.product_id = p.id
WHERE pc.category_id = $1
  AND p.is_active
ORDER BY p.created_at DESC
LIMIT 24 OFFSET $2;

-- "New arrivals" infinite scroll (keyset pagination on (created_at, id)).
-- calls: 15000
SELECT p.id, p.name, p.price, p.created_at
FROM products p
WHERE p.is_active
  AND (p.created_at, p.id) < ($1, $2)
ORDER BY p.created_at DESC, p.id DESC
LIMIT 24;

-- Search box (substring match on the name).
-- calls: 12000
SELECT p.id, p.name, p.price
FROM products p
WHERE p.name ILIKE '%' || $1 || '%'
  AND p.is_active
ORDER BY p.name
LIMIT 50;

-- Tag filter on the comma-separated tags column.
-- calls: 3000
SELECT p.id, p.name
FROM products p
WHERE p.tags LIKE '%sale%';

-- Product page.
-- calls: 60000
SELECT *
FROM products
WHERE id = $1;

-- Variants of a product with stock across all warehouses.
-- calls: 60000
SELECT v.id, v.sku, v.attributes, p.price + v.price_delta AS price,
       coalesce(sum(i.quantity - i.reserved), 0) AS available
FROM product_variants v
JOIN products p ON p.id = v.product_id
LEFT JOIN inventory i ON i.variant_id = v.id
WHERE v.product_id = $1
GROUP BY v.id, v.sku, v.attributes, p.price;

-- Facet filter: variants with a given attribute, e.g. '{"color": "red"}'.
-- calls: 4000
SELECT v.id, v.product_id, v.sku
FROM product_variants v
WHERE v.attributes @> $1::jsonb;

-- Reviews on the product page (soft-deleted reviews are hidden).
-- calls: 45000
SELECT r.id, r.rating, r.title, r.body, r.created_at, c.full_name
FROM reviews r
JOIN customers c ON c.id = r.customer_id
WHERE r.product_id = $1
  AND r.deleted_at IS NULL
ORDER BY r.created_at DESC
LIMIT 20;

-- Products nobody has ever ordered (merchandising "dead stock" widget).
-- calls: 20
SELECT p.id, p.name
FROM products p
WHERE p.id NOT IN (SELECT oi.product_id FROM order_items oi);
