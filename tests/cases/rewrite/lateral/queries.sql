-- Rewritten: two subqueries read the default address (a partial unique index pins it): one lateral, no LIMIT needed.
SELECT c.id, c.email,
       (SELECT a.city FROM addresses a WHERE a.customer_id = c.id AND a.is_default) AS city,
       (SELECT a.zip FROM addresses a WHERE a.customer_id = c.id AND a.is_default) AS zip
FROM customers c WHERE c.id > $1;

-- Rewritten: top-1 per customer, the same ORDER BY … LIMIT 1 three times; names kept from the columns.
SELECT c.id,
       (SELECT o.status FROM orders o WHERE o.customer_id = c.id ORDER BY o.placed_at DESC LIMIT 1),
       (SELECT o.total FROM orders o WHERE o.customer_id = c.id ORDER BY o.placed_at DESC LIMIT 1),
       (SELECT o.placed_at FROM orders o WHERE o.customer_id = c.id ORDER BY o.placed_at DESC LIMIT 1) AS last_order_at
FROM customers c;

-- Rewritten: the primary key pins the row; the lone orders subquery stays as it is.
SELECT c.id,
       (SELECT p.nickname FROM profiles p WHERE p.customer_id = c.id),
       (SELECT p.avatar_url FROM profiles p WHERE p.customer_id = c.id),
       (SELECT o.id FROM orders o WHERE o.customer_id = c.id ORDER BY o.id LIMIT 1) AS first_order
FROM customers c;
