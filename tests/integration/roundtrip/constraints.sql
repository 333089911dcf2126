-- Primary keys, UNIQUE (composite, NULLS NOT DISTINCT, INCLUDE, deferrable), CHECK (IN, BETWEEN, named,
-- column-level, NOT VALID), foreign keys (implicit target columns, actions, MATCH FULL, deferrable, NOT
-- VALID, self-reference, composite) and exclusion constraints.
--
-- DDL path gap: NOT VALID on a CHECK inside CREATE TABLE is ignored by PostgreSQL (transformCheckConstraints
-- marks it valid: the new table is empty); AddConstraint in src/sources/ddl/constraints.cc records
-- not_valid = skip_validation regardless of the statement.
-- expect-difference: constraint coupons_percent_check on public.coupons not_valid
CREATE EXTENSION btree_gist;

CREATE TABLE customers (
    id bigint PRIMARY KEY,
    email text NOT NULL UNIQUE,
    tenant_id int NOT NULL,
    code text,
    age int CHECK (age BETWEEN 0 AND 150),
    kind text CONSTRAINT customers_kind_valid CHECK (kind IN ('person', 'company')),
    UNIQUE NULLS NOT DISTINCT (tenant_id, code),
    CONSTRAINT customers_email_key2 UNIQUE (email) INCLUDE (tenant_id)
);

CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers ON DELETE CASCADE,
    parent_id bigint REFERENCES orders (id) ON DELETE SET NULL ON UPDATE CASCADE,
    tenant_id int,
    code text,
    total numeric(12,2) NOT NULL CHECK (total >= 0),
    status text NOT NULL DEFAULT 'new',
    CONSTRAINT orders_status_check CHECK (status IN ('new', 'paid', 'shipped')),
    CONSTRAINT orders_tenant_code_fkey FOREIGN KEY (tenant_id, code) REFERENCES customers (tenant_id, code)
        MATCH FULL ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE order_lines (
    order_id bigint NOT NULL,
    line_no int NOT NULL,
    quantity int NOT NULL,
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT order_lines_positive CHECK (quantity > 0 AND line_no > 0),
    UNIQUE (order_id, line_no) DEFERRABLE
);

ALTER TABLE order_lines ADD CONSTRAINT order_lines_order_fkey FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID;
ALTER TABLE order_lines ADD CONSTRAINT order_lines_small CHECK (quantity < 1000) NOT VALID;
ALTER TABLE orders ADD CONSTRAINT orders_total_cap CHECK (total < 1000000) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_cap;

-- NOT VALID in CREATE TABLE: PostgreSQL creates the CHECK validated (the table is empty).
CREATE TABLE coupons (code text, percent int, CONSTRAINT coupons_percent_check CHECK (percent <= 100) NOT VALID);

CREATE TABLE bookings (
    room int NOT NULL,
    during tstzrange NOT NULL,
    cancelled boolean NOT NULL DEFAULT false,
    EXCLUDE USING gist (room WITH =, during WITH &&) WHERE (NOT cancelled)
);
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&) DEFERRABLE;
