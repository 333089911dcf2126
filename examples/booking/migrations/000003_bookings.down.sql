DROP POLICY IF EXISTS bookings_tenant_isolation ON bookings;
DROP TABLE IF EXISTS bookings;
DROP EXTENSION IF EXISTS btree_gist;
