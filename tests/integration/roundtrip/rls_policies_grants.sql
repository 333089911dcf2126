-- Row-level security (enabled, forced), permissive and restrictive policies for each command and role,
-- roles with attributes and memberships, and privileges on tables, columns, sequences, functions and schemas.
--
-- DDL path gap: `GRANT SELECT (id, owner), UPDATE (body)` is recorded as one grant of SELECT and UPDATE on
-- (id, owner, body) — Grant() in src/sources/ddl/access.cc merges the columns of all privileges — which is
-- more than the role holds; PostgreSQL has SELECT on (id, owner) and UPDATE on (body).
-- expect-difference: grant on TABLE public.documents to rt_rls_app (columns [body, id, owner])
-- expect-difference: grant on TABLE public.documents to rt_rls_app (columns [id, owner])
-- expect-difference: grant on TABLE public.documents to rt_rls_app (columns [body])
CREATE ROLE rt_rls_app LOGIN;
CREATE ROLE rt_rls_readonly NOLOGIN;
CREATE ROLE rt_rls_admin CREATEROLE BYPASSRLS;
GRANT rt_rls_readonly TO rt_rls_app;

CREATE SCHEMA billing;
CREATE TABLE billing.invoices (
    id bigserial PRIMARY KEY,
    tenant_id int NOT NULL,
    amount numeric NOT NULL,
    note text
);
CREATE TABLE documents (id int PRIMARY KEY, owner name NOT NULL DEFAULT current_user, body text);

ALTER TABLE billing.invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing.invoices FORCE ROW LEVEL SECURITY;
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON billing.invoices
    USING (tenant_id = current_setting('app.tenant_id')::int);
CREATE POLICY tenant_insert ON billing.invoices AS PERMISSIVE FOR INSERT TO rt_rls_app
    WITH CHECK (tenant_id = current_setting('app.tenant_id')::int AND amount > 0);
CREATE POLICY no_big_updates ON billing.invoices AS RESTRICTIVE FOR UPDATE TO rt_rls_app, rt_rls_readonly
    USING (amount < 10000) WITH CHECK (amount < 10000);
CREATE POLICY read_all ON billing.invoices FOR SELECT TO rt_rls_readonly USING (true);
CREATE POLICY owner_only ON documents FOR ALL TO PUBLIC USING (owner = current_user);
CREATE POLICY owner_delete ON documents FOR DELETE USING (owner = current_user);

CREATE FUNCTION billing.total(t int) RETURNS numeric LANGUAGE sql STABLE
    AS $$ SELECT sum(amount) FROM billing.invoices WHERE tenant_id = t $$;

GRANT USAGE ON SCHEMA billing TO rt_rls_app, rt_rls_readonly;
GRANT SELECT, INSERT, UPDATE ON billing.invoices TO rt_rls_app;
GRANT SELECT ON billing.invoices TO rt_rls_readonly WITH GRANT OPTION;
GRANT ALL ON documents TO rt_rls_admin;
GRANT SELECT (id, owner), UPDATE (body) ON documents TO rt_rls_app;
GRANT USAGE, SELECT ON SEQUENCE billing.invoices_id_seq TO rt_rls_app;
GRANT EXECUTE ON FUNCTION billing.total(int) TO rt_rls_readonly;
REVOKE UPDATE ON billing.invoices FROM rt_rls_app;
