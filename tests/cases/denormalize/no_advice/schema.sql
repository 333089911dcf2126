CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL);
CREATE TABLE orders (
    id          bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers,
    status      text NOT NULL,
    total       numeric(12,2) NOT NULL,
    weight_kg   double precision,
    created_at  timestamp NOT NULL
);
CREATE TABLE clicks (id bigserial PRIMARY KEY, page text NOT NULL, created_at timestamp NOT NULL);
CREATE TABLE refunds (id bigint PRIMARY KEY, order_id bigint NOT NULL, amount numeric NOT NULL);
