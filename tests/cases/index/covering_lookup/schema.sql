CREATE TABLE accounts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id bigint NOT NULL,
  balance numeric(14,2) NOT NULL,
  currency char(3) NOT NULL,
  description text,
  opened_at timestamptz NOT NULL
);
