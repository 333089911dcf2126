-- calls: 20000
UPDATE jobs SET state = 'running' WHERE id = $1;
-- calls: 20000
SELECT id, payload FROM jobs WHERE queue = $1 AND state = 'ready' ORDER BY id LIMIT 10;
-- calls: 5000
INSERT INTO jobs (queue, payload) VALUES ($1, $2);
-- calls: 100
SELECT pg_advisory_lock($1);
