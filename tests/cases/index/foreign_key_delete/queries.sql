-- name: delete author
-- calls: 500
DELETE FROM authors WHERE id = $1;
