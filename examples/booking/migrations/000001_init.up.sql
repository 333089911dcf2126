-- 000001: tenants (customer organisations), their users and API keys.

CREATE TABLE tenants (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]+$'),
    name        text NOT NULL,
    plan        text NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'pro', 'enterprise')),
    settings    jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id            serial PRIMARY KEY,
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email         text NOT NULL,
    display_name  text NOT NULL,
    role          text NOT NULL DEFAULT 'staff' CHECK (role IN ('owner', 'admin', 'staff')),
    password_hash text,
    created_at    timestamp NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, email)
);

-- Server-to-server access for tenant integrations.
CREATE TABLE api_keys (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name         text NOT NULL,
    key          text NOT NULL UNIQUE,
    created_by   integer REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamp,
    revoked_at   timestamptz
);
