CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL, referrer_id bigint);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers);
CREATE TABLE blocked (email text);
