--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET client_min_messages = warning;

\connect shop

CREATE SCHEMA app;
ALTER SCHEMA app OWNER TO shop;

CREATE TYPE app.order_status AS ENUM (
    'pending',
    'paid'
);

SET default_tablespace = '';
SET default_table_access_method = heap;

CREATE TABLE app.customers (
    id integer NOT NULL,
    email character varying(255) NOT NULL
);
ALTER TABLE app.customers OWNER TO shop;

CREATE SEQUENCE app.customers_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER TABLE app.customers_id_seq OWNER TO shop;
ALTER SEQUENCE app.customers_id_seq OWNED BY app.customers.id;

CREATE TABLE app.orders (
    id bigint NOT NULL,
    customer_id integer,
    status app.order_status DEFAULT 'pending'::app.order_status NOT NULL
);
ALTER TABLE app.orders ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app.orders_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

ALTER TABLE ONLY app.customers ALTER COLUMN id SET DEFAULT nextval('app.customers_id_seq'::regclass);

COPY app.customers (id, email) FROM stdin;
1	a@example.com
2	b@example.com
\.

SELECT pg_catalog.setval('app.customers_id_seq', 2, true);

ALTER TABLE ONLY app.customers
    ADD CONSTRAINT customers_pkey PRIMARY KEY (id);
ALTER TABLE ONLY app.customers
    ADD CONSTRAINT customers_email_key UNIQUE (email);
ALTER TABLE ONLY app.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);

CREATE INDEX orders_customer_id_idx ON app.orders USING btree (customer_id);

ALTER TABLE ONLY app.orders
    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES app.customers(id);

REVOKE USAGE ON SCHEMA public FROM PUBLIC;
GRANT ALL ON SCHEMA public TO PUBLIC;
GRANT SELECT ON TABLE app.orders TO reporting;

--
-- PostgreSQL database dump complete
--
