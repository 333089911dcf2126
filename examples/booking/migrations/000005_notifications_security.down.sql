BEGIN;

DROP FUNCTION IF EXISTS authenticate_api_key(text);

DROP POLICY IF EXISTS services_tenant_isolation ON services;
ALTER TABLE services DISABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS resources_tenant_isolation ON resources;
ALTER TABLE resources DISABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS users_tenant_isolation ON users;
ALTER TABLE users DISABLE ROW LEVEL SECURITY;

DROP TABLE IF EXISTS notifications;

-- Remove every privilege granted to the role in this database, then the role.
DROP OWNED BY booking_app;
DROP ROLE IF EXISTS booking_app;

COMMIT;
