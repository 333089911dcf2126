CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL);
CREATE TABLE addresses (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers,
                        is_default boolean NOT NULL, city text NOT NULL, zip text);
