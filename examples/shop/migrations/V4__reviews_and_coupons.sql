-- V4: product reviews and discount coupons.

BEGIN;

CREATE TABLE reviews (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id  integer NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    customer_id integer NOT NULL REFERENCES customers (id),
    rating      smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
    title       text,
    body        text,
    is_verified boolean,
    created_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz
);

CREATE INDEX reviews_product_id_idx ON reviews (product_id);

CREATE TABLE coupons (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code             varchar(255) NOT NULL UNIQUE,
    discount_percent smallint NOT NULL CHECK (discount_percent BETWEEN 1 AND 100),
    max_redemptions  integer,
    valid_from       timestamptz NOT NULL DEFAULT now(),
    valid_until      timestamptz,
    is_active        boolean NOT NULL DEFAULT true
);

-- Fast lookup of a coupon by the code typed at checkout.
CREATE INDEX coupons_code_idx ON coupons (code);

CREATE TABLE coupon_redemptions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    coupon_id   bigint NOT NULL REFERENCES coupons (id),
    customer_id integer NOT NULL REFERENCES customers (id),
    order_id    integer NOT NULL REFERENCES orders (id),
    redeemed_at timestamptz NOT NULL DEFAULT now()
);

COMMIT;
