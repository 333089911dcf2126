-- Enums (with added values), domains (base types with typmods, defaults, NOT NULL, several CHECKs) and
-- columns of those types, arrays of enums, and enum defaults.
CREATE TYPE mood AS ENUM ('sad', 'ok');
ALTER TYPE mood ADD VALUE 'happy';
ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok';
ALTER TYPE mood ADD VALUE IF NOT EXISTS 'sad';

CREATE DOMAIN positive_int AS integer NOT NULL CHECK (VALUE > 0);
CREATE DOMAIN short_code AS varchar(10) DEFAULT 'none' CHECK (VALUE ~ '^[a-z]+$') CHECK (length(VALUE) >= 2);
CREATE DOMAIN percent AS numeric(5,2) CHECK (VALUE BETWEEN 0 AND 100);
CREATE DOMAIN email AS text;
ALTER DOMAIN email ADD CHECK (VALUE LIKE '%@%');

CREATE TABLE people (
    id positive_int PRIMARY KEY,
    current_mood mood NOT NULL DEFAULT 'ok',
    past_moods mood[] DEFAULT '{}',
    code short_code,
    score percent,
    contact email
);
