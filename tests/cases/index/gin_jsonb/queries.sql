-- name: facet filter
-- calls: 3000
SELECT id, name FROM products WHERE attributes @> $1::jsonb;
