CREATE EXTENSION pg_trgm;
CREATE SCHEMA extensions;
CREATE TABLE products (id bigint PRIMARY KEY, name text NOT NULL);
