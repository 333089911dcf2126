-- Not rewritten: a customer may have several addresses (no key, no LIMIT 1): the subqueries would fail, a join would duplicate.
SELECT c.id,
       (SELECT a.city FROM addresses a WHERE a.customer_id = c.id),
       (SELECT a.zip FROM addresses a WHERE a.customer_id = c.id)
FROM customers c;

-- Not rewritten: a single subquery (one lookup per row either way).
SELECT c.id, (SELECT a.city FROM addresses a WHERE a.customer_id = c.id ORDER BY a.id LIMIT 1) FROM customers c;

-- Not rewritten: the two subqueries read different rows (different WHERE).
SELECT c.id,
       (SELECT a.city FROM addresses a WHERE a.customer_id = c.id ORDER BY a.id LIMIT 1),
       (SELECT a.zip FROM addresses a WHERE a.customer_id = c.id AND a.is_default ORDER BY a.id LIMIT 1)
FROM customers c;

-- Not rewritten: uncorrelated (computed once), and SELECT * would take in the lateral's columns.
SELECT c.id, (SELECT a.city FROM addresses a WHERE a.id = 1), (SELECT a.zip FROM addresses a WHERE a.id = 1) FROM customers c;
SELECT *, (SELECT a.city FROM addresses a WHERE a.id = c.id), (SELECT a.zip FROM addresses a WHERE a.id = c.id) FROM customers c;
