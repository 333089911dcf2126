-- Unique keys of every kind: single, composite of own columns, composite of foreign keys, expression and
-- partial unique indexes, NULLS NOT DISTINCT, an exclusion constraint on ranges, and a unique key that caps
-- the row count (only 5 allowed values).
-- rows: accounts=3000, groups=40, memberships=2500, tags=100, rooms=30, reservations=2000, versions=2000
-- expect: SELECT count(*) FROM levels = 5
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE accounts (
    id       integer PRIMARY KEY,
    email    text NOT NULL,
    region   char(2) NOT NULL,
    handle   varchar(30) NOT NULL,
    UNIQUE (region, handle)
);
CREATE UNIQUE INDEX accounts_lower_email_key ON accounts (lower(email));

CREATE TABLE groups (id serial PRIMARY KEY, name text NOT NULL UNIQUE);

CREATE TABLE memberships (
    account_id integer NOT NULL REFERENCES accounts,
    group_id   integer NOT NULL REFERENCES groups,
    role       text NOT NULL,
    PRIMARY KEY (account_id, group_id)
);

CREATE TABLE tags (
    id        serial PRIMARY KEY,
    label     text NOT NULL,
    parent_id integer,
    archived  boolean NOT NULL DEFAULT false,
    UNIQUE NULLS NOT DISTINCT (parent_id, label)
);
CREATE UNIQUE INDEX tags_active_label ON tags (label) WHERE NOT archived;

CREATE TABLE rooms (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE reservations (
    id      serial PRIMARY KEY,
    room_id integer NOT NULL REFERENCES rooms,
    during  tstzrange NOT NULL,
    EXCLUDE USING gist (room_id WITH =, during WITH &&)
);

CREATE TABLE levels (
    name text PRIMARY KEY CHECK (name IN ('bronze', 'silver', 'gold', 'platinum', 'diamond'))
);

CREATE TABLE versions (
    document  text NOT NULL,
    number    integer NOT NULL,
    UNIQUE (document, number)
);
