BEGIN;
DROP TABLE IF EXISTS availability_rules;
DROP TABLE IF EXISTS resource_services;
DROP TABLE IF EXISTS services;
DROP TABLE IF EXISTS resources;
DROP TYPE IF EXISTS resource_kind;
COMMIT;
