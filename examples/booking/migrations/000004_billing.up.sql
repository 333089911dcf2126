-- 000004: payments and monthly invoices.

BEGIN;

CREATE TABLE payments (
    id           serial PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    booking_id   bigint NOT NULL REFERENCES bookings (id),
    amount_cents bigint NOT NULL CHECK (amount_cents > 0),
    currency     char(3) NOT NULL,
    status       text NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'succeeded', 'failed', 'refunded')),
    provider_ref text,
    paid_at      timestamp,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX payments_booking_id_idx ON payments (booking_id);

CREATE TABLE invoices (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    number       text NOT NULL,
    period_start date NOT NULL,
    period_end   date NOT NULL,
    total_cents  bigint NOT NULL DEFAULT 0,
    status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued', 'paid', 'void')),
    issued_at    timestamp,
    due_at       timestamp,
    UNIQUE (tenant_id, number),
    CHECK (period_start <= period_end)
);

CREATE TABLE invoice_lines (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    invoice_id   bigint NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    booking_id   bigint REFERENCES bookings (id),
    description  text NOT NULL,
    amount_cents bigint NOT NULL
);

CREATE INDEX invoice_lines_invoice_id_idx ON invoice_lines (invoice_id);

COMMIT;
