CREATE TABLE ok (id bigint PRIMARY KEY);

CREATE TABLE broken (
  id bigint PRIMARY KEY,
  name text NOT NULL,,
  note text
);
