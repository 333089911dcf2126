SELECT id FROM customers WHERE lower(email) = lower($1) AND deleted_at IS NULL;

SELECT id FROM products
WHERE name ILIKE '%' || $1 || '%'
  AND price BETWEEN 10 AND 100
  AND id IN (1, 2, 3)
  AND attributes @> '{"color": "red"}'::jsonb
  AND tags && $2::text[]
  AND is_active
  AND (created_at > $3 OR name LIKE 'a%')
  AND NOT (price < 5);

SELECT id FROM orders WHERE customer_id = ANY($1) AND $2 <= created_at AND status <> 'void';

SELECT id FROM products WHERE (created_at, id) < ($1, $2) ORDER BY created_at DESC, id DESC LIMIT 24;

SELECT id FROM products WHERE is_active IS NOT TRUE OR name NOT LIKE 'z%' LIMIT 10 OFFSET $1;
