-- Column types as format_type() prints them (aliases, typmods, arrays), defaults of every common shape,
-- collations, generated columns, unlogged tables and ALTER TABLE changes to columns.
CREATE TABLE everything (
    id          integer NOT NULL,
    small       int2 DEFAULT 0,
    big         int8 DEFAULT -1,
    price       numeric(10,2) DEFAULT 0.00 NOT NULL,
    ratio       decimal DEFAULT 1,
    f4          real,
    f8          float8 DEFAULT 1.5,
    name        varchar(255) DEFAULT 'x' NOT NULL,
    code        char(3),
    flag        bool DEFAULT false,
    label       text COLLATE "C" DEFAULT '',
    created     timestamptz DEFAULT now(),
    created2    timestamp(3) DEFAULT CURRENT_TIMESTAMP,
    day         date DEFAULT CURRENT_DATE,
    at_time     time,
    span        interval DEFAULT '1 day',
    doc         jsonb DEFAULT '{}'::jsonb NOT NULL,
    raw_doc     json,
    uid         uuid,
    blob        bytea,
    address     inet,
    bits        bit(8),
    varbits     varbit(4),
    tags        text[] DEFAULT '{}',
    matrix      integer[][],
    total       numeric GENERATED ALWAYS AS (price * 2) STORED,
    lower_name  text GENERATED ALWAYS AS (lower(name)) STORED,
    status      text DEFAULT 'new' CHECK (status IN ('new', 'done'))
);

CREATE UNLOGGED TABLE cache (key text PRIMARY KEY, value jsonb, expires_at timestamptz DEFAULT now() + interval '1 hour');

ALTER TABLE everything ADD COLUMN added_later text DEFAULT 'n/a';
ALTER TABLE everything ALTER COLUMN small SET NOT NULL;
ALTER TABLE everything ALTER COLUMN ratio TYPE numeric(12,4);
ALTER TABLE everything ALTER COLUMN f4 SET DEFAULT 0.5;
ALTER TABLE everything ALTER COLUMN flag DROP DEFAULT;
ALTER TABLE everything DROP COLUMN blob;
