-- Foreign keys: a chain, a composite key, a reference to a UNIQUE column, a self-reference, nullable
-- references with a requested null fraction, and a reference to a schema-qualified table.
-- rows: app.tenants=50, users=2000, projects=800, tasks=10000, comments=5000, categories=300
-- null_frac: tasks.assignee_id=0.3, comments.parent_id=0.6
CREATE SCHEMA app;
CREATE TABLE app.tenants (id uuid PRIMARY KEY, slug text NOT NULL UNIQUE);

CREATE TABLE users (
    tenant_id uuid NOT NULL REFERENCES app.tenants,
    id        integer NOT NULL,
    email     text NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE projects (
    id         serial PRIMARY KEY,
    tenant_id  uuid NOT NULL,
    owner_id   integer NOT NULL,
    tenant_slug text NOT NULL REFERENCES app.tenants (slug),
    FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id)
);

CREATE TABLE tasks (
    id          bigserial PRIMARY KEY,
    project_id  integer NOT NULL REFERENCES projects ON DELETE CASCADE,
    assignee_tenant uuid,
    assignee_id integer,
    title       text NOT NULL,
    FOREIGN KEY (assignee_tenant, assignee_id) REFERENCES users (tenant_id, id)
);

CREATE TABLE comments (
    id        bigserial PRIMARY KEY,
    task_id   bigint NOT NULL REFERENCES tasks,
    parent_id bigint REFERENCES comments,
    body      text NOT NULL
);

CREATE TABLE categories (
    id        integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    parent_id integer NOT NULL REFERENCES categories,
    name      text NOT NULL
);
