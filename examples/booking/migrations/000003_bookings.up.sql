-- 000003: bookings. A resource can never be double-booked: the EXCLUDE
-- constraint rejects overlapping time ranges on the same resource
-- (cancelled bookings are ignored). Needs btree_gist for the "=" part.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE bookings (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id      uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    resource_id    bigint NOT NULL REFERENCES resources (id),
    service_id     bigint REFERENCES services (id),
    booked_by      integer REFERENCES users (id),
    customer_name  text NOT NULL,
    customer_email text NOT NULL,
    during         tstzrange NOT NULL CHECK (NOT isempty(during)),
    starts_at      timestamptz GENERATED ALWAYS AS (lower(during)) STORED,
    status         text NOT NULL DEFAULT 'confirmed'
                   CHECK (status IN ('pending', 'confirmed', 'cancelled', 'no_show')),
    notes          text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    cancelled_at   timestamptz,
    CONSTRAINT bookings_no_overlap
        EXCLUDE USING gist (resource_id WITH =, during WITH &&)
        WHERE (status <> 'cancelled')
);

CREATE INDEX bookings_tenant_starts_at_idx ON bookings (tenant_id, starts_at);

COMMENT ON COLUMN bookings.during IS 'Half-open [start, end) interval of the booking.';

-- Tenant isolation: the app sets app.tenant_id on every connection checkout.
ALTER TABLE bookings ENABLE ROW LEVEL SECURITY;

CREATE POLICY bookings_tenant_isolation ON bookings
    USING (tenant_id = current_setting('app.tenant_id', true)::uuid)
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true)::uuid);
