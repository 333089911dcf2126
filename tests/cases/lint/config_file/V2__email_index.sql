SET lock_timeout = '5s';
CREATE UNIQUE INDEX accounts_email_idx ON accounts (email);
ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid();
