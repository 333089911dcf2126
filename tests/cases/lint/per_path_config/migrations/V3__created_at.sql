ALTER TABLE accounts ADD COLUMN created_at timestamptz DEFAULT now();
CREATE INDEX accounts_created_at_idx ON accounts (created_at);
