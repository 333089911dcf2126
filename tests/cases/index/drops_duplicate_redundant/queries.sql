-- name: events of a subject
-- calls: 100
SELECT id, created_at FROM events WHERE kind = $1 AND subject_id = $2;
