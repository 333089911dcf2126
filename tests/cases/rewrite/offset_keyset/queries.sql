-- Rewritten: ORDER BY holds the primary key, one direction: a row comparison; OFFSET $3 gives its number to the cursor.
SELECT p.id, p.name FROM products p WHERE p.category_id = $1 ORDER BY p.created_at, p.id LIMIT $2 OFFSET $3;

-- Rewritten: DESC everywhere, `<`; a unique NOT NULL key (sku) orders totally; no index on (price, sku) yet.
SELECT id, name, price FROM products ORDER BY price DESC, sku DESC LIMIT 20 OFFSET $1;

-- Rewritten: created_at alone is not a total order: the primary key is appended as a tie-breaker (DESC, as the last key).
SELECT p.id, p.name FROM products p WHERE p.category_id = $1 ORDER BY p.created_at DESC LIMIT 24 OFFSET $2;

-- Rewritten: mixed directions, the expanded form with a leading bound; literal OFFSET: the cursor is $1.
SELECT id, name FROM products ORDER BY price DESC, id LIMIT 50 OFFSET 500;
