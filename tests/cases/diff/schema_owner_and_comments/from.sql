CREATE ROLE billing_admin NOLOGIN;
CREATE ROLE billing_owner NOLOGIN;
CREATE SCHEMA billing AUTHORIZATION billing_admin;
COMMENT ON SCHEMA billing IS 'Invoices';
CREATE TABLE billing.invoices (id bigint PRIMARY KEY, net numeric(12,2) NOT NULL);
CREATE FUNCTION billing.gross(net numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT net * 1.2 $$;
CREATE FUNCTION billing.tax(net numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT net * 0.2 $$;
COMMENT ON FUNCTION billing.tax(numeric) IS 'VAT at 20 %';
