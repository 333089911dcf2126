-- V2: multi-warehouse inventory and product variants (size / colour).

BEGIN;

-- Quantities are never negative; reuse the rule everywhere via a domain.
CREATE DOMAIN positive_qty AS integer
    CHECK (VALUE > 0);

CREATE TABLE warehouses (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code         text NOT NULL UNIQUE,
    name         text NOT NULL,
    country_code char(2) NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE product_variants (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id  integer NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    sku         text NOT NULL UNIQUE,
    attributes  jsonb NOT NULL DEFAULT '{}'::jsonb,
    price_delta numeric(12,2) NOT NULL DEFAULT 0
);

CREATE INDEX product_variants_product_id_idx ON product_variants (product_id);

-- Stock per (warehouse, variant).
CREATE TABLE inventory (
    warehouse_id bigint NOT NULL REFERENCES warehouses (id),
    variant_id   bigint NOT NULL REFERENCES product_variants (id),
    quantity     integer NOT NULL DEFAULT 0 CHECK (quantity >= 0),
    reserved     integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (warehouse_id, variant_id)
);

COMMIT;
