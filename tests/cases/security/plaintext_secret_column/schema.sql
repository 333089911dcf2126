CREATE TABLE accounts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- failing: secrets kept as text
  password varchar(100) NOT NULL,
  api_key text,
  -- passing: hashed, or not a secret
  password_hash text,
  reset_token_digest bytea,
  token_id bigint,
  password_changed_at timestamptz
);
