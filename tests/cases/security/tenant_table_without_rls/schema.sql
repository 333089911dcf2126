-- failing: a tenant column, no row-level security
CREATE TABLE invoices (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL,
  total numeric(12,2) NOT NULL
);

-- passing: row-level security with a policy
CREATE TABLE projects (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id bigint NOT NULL,
  name text NOT NULL
);
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON projects USING (organization_id = current_setting('app.org_id')::bigint);

-- passing: no tenant column
CREATE TABLE currencies (code char(3) PRIMARY KEY, name text NOT NULL);
