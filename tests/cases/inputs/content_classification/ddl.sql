CREATE TABLE t (id int PRIMARY KEY, v text);
CREATE INDEX ON t (v);
