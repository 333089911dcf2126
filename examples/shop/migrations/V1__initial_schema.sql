-- V1: initial schema for the shop (written for the MVP launch).
-- Customers, their addresses, the catalog and the first version of orders.

BEGIN;

CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE customers (
    id          serial PRIMARY KEY,
    email       varchar(255) NOT NULL,
    full_name   text,
    password_hash text NOT NULL,
    marketing_opt_in boolean,
    created_at  timestamp NOT NULL DEFAULT now(),
    deleted_at  timestamp
);

-- Login is case-insensitive, so look emails up by lower(email).
CREATE INDEX customers_lower_email_idx ON customers (lower(email));

CREATE TABLE addresses (
    id           serial PRIMARY KEY,
    customer_id  integer NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    line1        text NOT NULL,
    line2        text,
    city         text NOT NULL,
    postal_code  text NOT NULL,
    country_code char(2) NOT NULL,
    is_default   boolean NOT NULL DEFAULT false
);

CREATE TABLE categories (
    id         serial PRIMARY KEY,
    parent_id  integer REFERENCES categories (id),
    name       text NOT NULL,
    slug       text NOT NULL UNIQUE
);

CREATE TABLE products (
    id          serial PRIMARY KEY,
    sku         text UNIQUE,
    name        text NOT NULL,
    description text,
    price       numeric(12,2) NOT NULL CHECK (price >= 0),
    is_active   boolean NOT NULL DEFAULT true,
    created_at  timestamp NOT NULL DEFAULT now()
);

-- Many-to-many: a product can live in several categories.
CREATE TABLE product_categories (
    product_id  integer NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    category_id integer NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    PRIMARY KEY (product_id, category_id)
);

CREATE TABLE orders (
    id          serial PRIMARY KEY,
    customer_id integer REFERENCES customers (id),
    status      text NOT NULL DEFAULT 'pending',
    total       numeric(12,2) NOT NULL DEFAULT 0,
    created_at  timestamp NOT NULL DEFAULT now(),
    updated_at  timestamp NOT NULL DEFAULT now()
);

CREATE INDEX orders_customer_id_idx ON orders (customer_id);

CREATE TABLE order_items (
    id          serial PRIMARY KEY,
    order_id    integer NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id  integer NOT NULL REFERENCES products (id),
    quantity    integer NOT NULL CHECK (quantity > 0),
    unit_price  numeric(12,2) NOT NULL
);

CREATE INDEX order_items_order_id_idx ON order_items (order_id);

COMMIT;
