-- name: title search
-- calls: 2000
SELECT id, title FROM articles WHERE title ILIKE '%' || $1 || '%' LIMIT 50;
