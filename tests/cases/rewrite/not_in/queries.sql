-- Rewritten, no caveat: both columns are NOT NULL; unqualified columns are qualified on the way.
SELECT id FROM customers WHERE id NOT IN (SELECT customer_id FROM orders);

-- Rewritten with a caveat: blocked.email may be NULL.
SELECT c.id FROM customers c WHERE c.email NOT IN (SELECT b.email FROM blocked b WHERE b.email LIKE '%@%') AND c.id > $1;

-- Not rewritten: the subquery reads the same table without aliases, a correlation would be ambiguous.
SELECT id FROM customers WHERE id NOT IN (SELECT referrer_id FROM customers);

-- Not rewritten: DISTINCT/LIMIT subqueries and row comparisons stay as they are.
SELECT id FROM customers WHERE id NOT IN (SELECT customer_id FROM orders LIMIT 10);

-- Not rewritten: IN (without NOT) is already planned as a semi-join.
SELECT id FROM customers WHERE id IN (SELECT customer_id FROM orders);
