-- 000002: bookable resources (rooms, staff members, equipment), the services
-- offered on them, and weekly opening hours.

BEGIN;

CREATE TYPE resource_kind AS ENUM ('room', 'staff', 'equipment');

CREATE TABLE resources (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kind       resource_kind NOT NULL,
    name       text NOT NULL,
    timezone   text NOT NULL DEFAULT 'UTC',
    capacity   integer NOT NULL DEFAULT 1 CHECK (capacity > 0),
    is_active  boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX resources_tenant_id_idx ON resources (tenant_id);

CREATE TABLE services (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name        text NOT NULL,
    duration    interval NOT NULL CHECK (duration > interval '0'),
    price_cents integer NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
    currency    char(3) NOT NULL DEFAULT 'EUR',
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Which services can be performed on / by which resource.
CREATE TABLE resource_services (
    resource_id bigint NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    service_id  bigint NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    PRIMARY KEY (resource_id, service_id)
);

-- Weekly recurring opening hours, in the resource's local time zone.
CREATE TABLE availability_rules (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    resource_id bigint NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    weekday     smallint NOT NULL CHECK (weekday BETWEEN 0 AND 6),  -- 0 = Sunday
    start_time  time NOT NULL,
    end_time    time NOT NULL,
    valid_from  date NOT NULL DEFAULT current_date,
    valid_until date,
    CHECK (start_time < end_time)
);

CREATE INDEX availability_rules_resource_weekday_idx ON availability_rules (resource_id, weekday);

COMMIT;
