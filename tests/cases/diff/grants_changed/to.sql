CREATE ROLE dbarch_case_reporting NOLOGIN;
CREATE ROLE dbarch_case_app NOLOGIN;
CREATE TABLE orders (id bigint PRIMARY KEY, customer_email text, total numeric NOT NULL);
CREATE TABLE refunds (id bigint PRIMARY KEY, order_id bigint REFERENCES orders, amount numeric NOT NULL);
GRANT SELECT, INSERT ON orders TO dbarch_case_app;
GRANT SELECT, INSERT ON refunds TO dbarch_case_app;
GRANT SELECT (id, total) ON orders TO dbarch_case_reporting;
