-- failing: personal data by column name
CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE,
  phone_number varchar(32),
  date_of_birth date,
  last_ip inet,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- passing: nothing personal
CREATE TABLE products (id bigint PRIMARY KEY, name text NOT NULL, price numeric(10,2) NOT NULL);
