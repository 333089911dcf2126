-- V3: shopping carts, payments and shipments.

BEGIN;

CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped', 'delivered', 'cancelled');
CREATE TYPE payment_status AS ENUM ('initiated', 'authorized', 'captured', 'failed');

CREATE TABLE carts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id integer REFERENCES customers (id) ON DELETE CASCADE,  -- NULL for guest carts
    session_token text NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX carts_customer_id_idx ON carts (customer_id);

CREATE TABLE cart_items (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cart_id     bigint NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
    variant_id  bigint NOT NULL REFERENCES product_variants (id),
    quantity    positive_qty NOT NULL,
    added_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (cart_id, variant_id)
);

CREATE TABLE payments (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id     integer REFERENCES orders (id),
    amount       money NOT NULL,
    status       payment_status NOT NULL DEFAULT 'initiated',
    provider     text NOT NULL,
    provider_ref text,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- order_id has no FK yet: shipments are created by the warehouse system
-- which sometimes sends them before the order row is replicated.
CREATE TABLE shipments (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id        integer NOT NULL,
    address_id      integer NOT NULL REFERENCES addresses (id),
    warehouse_id    bigint REFERENCES warehouses (id),
    carrier         text NOT NULL,
    tracking_number text,
    shipped_at      timestamp,
    delivered_at    timestamp
);

CREATE INDEX shipments_order_id_idx ON shipments (order_id);

COMMIT;
