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

-- A clause every arm of an OR repeats is planned outside it (TPC-H Q19): the join and the status filter count
-- as such; the rest stays inside the OR.
SELECT o.id FROM orders o, customers c
WHERE (o.customer_id = c.id AND o.status = 'paid' AND c.email LIKE '%@example.com')
   OR (o.customer_id = c.id AND o.status = 'paid' AND o.created_at > $1);

-- An arm that is nothing but the shared clause makes the rest of the OR redundant.
SELECT id FROM orders WHERE status = 'void' OR (status = 'void' AND created_at < $1);
