-- Extensions live in their own schema, out of the application's.
CREATE SCHEMA extensions;
CREATE EXTENSION pg_trgm SCHEMA extensions;
CREATE TABLE products (id bigint PRIMARY KEY, name text NOT NULL);
