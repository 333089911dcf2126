CREATE ROLE dbarch_case_reporting NOLOGIN;
CREATE ROLE dbarch_case_app NOLOGIN;
CREATE TABLE orders (id bigint PRIMARY KEY, customer_email text, total numeric NOT NULL);
GRANT SELECT, INSERT, UPDATE ON orders TO dbarch_case_app;
GRANT SELECT ON orders TO dbarch_case_reporting WITH GRANT OPTION;
