-- Not rewritten: no key to order by or to break ties with.
SELECT kind, payload FROM events ORDER BY happened_at LIMIT 10 OFFSET $1;

-- Not rewritten: closed_at may be NULL (NULLS FIRST/LAST would need a condition per case).
SELECT id, title FROM tickets ORDER BY closed_at, id LIMIT 10 OFFSET $1;

-- Not rewritten: ORDER BY an expression, no LIMIT, OFFSET 0, a join.
SELECT id, title FROM tickets ORDER BY lower(title), id LIMIT 10 OFFSET $1;
SELECT id, title FROM tickets ORDER BY id OFFSET $1;
SELECT id, title FROM tickets ORDER BY id LIMIT 10 OFFSET 0;
SELECT t.id FROM tickets t JOIN tickets u ON u.id = t.id ORDER BY t.id LIMIT 10 OFFSET $1;

-- Not rewritten: ORDER BY names an output column, not the table's.
SELECT id, upper(title) AS title FROM tickets ORDER BY title, id LIMIT 10 OFFSET $1;
