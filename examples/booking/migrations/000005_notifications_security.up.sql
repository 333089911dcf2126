-- 000005: outgoing notifications, the application role, row level security
-- on the core tenant tables, and API-key authentication.

BEGIN;

CREATE TABLE notifications (
    id          serial PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id     integer REFERENCES users (id),
    booking_id  bigint REFERENCES bookings (id) ON DELETE CASCADE,
    channel     text NOT NULL CHECK (channel IN ('email', 'sms', 'webhook')),
    recipient   text NOT NULL,
    payload     jsonb NOT NULL DEFAULT '{}'::jsonb,
    attempts    integer NOT NULL DEFAULT 0,
    send_after  timestamptz NOT NULL DEFAULT now(),
    sent_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- The dispatcher polls for unsent notifications.
CREATE INDEX notifications_unsent_idx ON notifications (send_after) WHERE sent_at IS NULL;

-- Application login role (NOLOGIN group; real logins are granted membership).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'booking_app') THEN
        CREATE ROLE booking_app NOLOGIN;
    END IF;
END;
$$;

GRANT USAGE ON SCHEMA public TO booking_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO booking_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO booking_app;

-- Row level security on the tables the tenant-facing API reads.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY users_tenant_isolation ON users
    USING (tenant_id = current_setting('app.tenant_id', true)::uuid);

ALTER TABLE resources ENABLE ROW LEVEL SECURITY;
CREATE POLICY resources_tenant_isolation ON resources
    USING (tenant_id = current_setting('app.tenant_id', true)::uuid);

ALTER TABLE services ENABLE ROW LEVEL SECURITY;
CREATE POLICY services_tenant_isolation ON services
    USING (tenant_id = current_setting('app.tenant_id', true)::uuid);

-- Resolve an API key to its tenant before app.tenant_id is known.
-- SECURITY DEFINER so it can read api_keys regardless of the caller's rights.
CREATE FUNCTION authenticate_api_key(p_key text)
RETURNS uuid
LANGUAGE plpgsql
SECURITY DEFINER
AS $$
DECLARE
    v_tenant uuid;
BEGIN
    UPDATE api_keys
       SET last_used_at = now()
     WHERE key = p_key
       AND revoked_at IS NULL
    RETURNING tenant_id INTO v_tenant;
    RETURN v_tenant;
END;
$$;

GRANT EXECUTE ON FUNCTION authenticate_api_key(text) TO booking_app;

COMMIT;
