-- name: login
-- calls: 10000
SELECT id, full_name FROM users WHERE lower(email) = lower($1);
