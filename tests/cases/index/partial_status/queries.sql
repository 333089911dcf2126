-- name: next jobs to run
-- calls: 20000
SELECT id, payload FROM jobs WHERE state = 'queued' AND run_at <= now() ORDER BY run_at LIMIT 10;
