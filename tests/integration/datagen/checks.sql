-- CHECK constraints of every understood form, plus forms that are not understood (filtered), NOT VALID ones
-- (which must validate afterwards) and a domain's CHECK.
-- rows: products=4000, shifts=3000, contacts=2000, sized=1000
-- expect: SELECT count(DISTINCT status) FROM products = 3
-- expect: SELECT min(price) > 0 AND max(price) <= 5000 FROM products = t
CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);

CREATE TABLE products (
    id         serial PRIMARY KEY,
    price      numeric(10,2) NOT NULL CHECK (price > 0 AND price <= 5000),
    discount   numeric(4,2) CHECK (discount BETWEEN 0 AND 0.9),
    stock      positive_int NOT NULL,
    rating     smallint CHECK (rating IN (1, 2, 3, 4, 5)),
    status     varchar(20) NOT NULL CHECK (status = ANY (ARRAY['draft'::varchar, 'active'::varchar, 'retired'::varchar])),
    kind       text CHECK (kind = 'book' OR kind = 'music' OR kind IS NULL),
    sku        text NOT NULL CHECK (length(sku) BETWEEN 6 AND 12),
    slug       text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]+$'),
    weight_g   integer CHECK (weight_g <> 0 AND weight_g >= -5),
    released   date CHECK (released >= '2021-06-01' AND released < '2024-01-01'),
    name       text NOT NULL CHECK (char_length(btrim(name)) > 0)
);
ALTER TABLE products ADD CONSTRAINT products_price_cap CHECK (price < 10000) NOT VALID;

CREATE TABLE shifts (
    id          bigserial PRIMARY KEY,
    starts_at   timestamptz NOT NULL,
    ends_at     timestamptz NOT NULL,
    break_start time,
    break_end   time,
    min_staff   integer NOT NULL CHECK (min_staff >= 1),
    max_staff   integer NOT NULL,
    CHECK (starts_at < ends_at),
    CHECK (break_start < break_end),
    CHECK (min_staff <= max_staff),
    CHECK (ends_at - starts_at <= interval '12 hours')
);

CREATE TABLE contacts (
    id     serial PRIMARY KEY,
    email  text,
    phone  text,
    fax    text,
    CONSTRAINT one_way_to_reach CHECK (num_nonnulls(email, phone, fax) = 1)
);

CREATE TABLE sized (
    id      serial PRIMARY KEY,
    code    varchar(8) NOT NULL CHECK (length(code) >= 5),
    tier    text NOT NULL CHECK (tier NOT IN ('gold', 'platinum')),
    lucky   integer NOT NULL CHECK (lucky NOT IN (7, 13) AND lucky >= 0 AND lucky < 20)
);
