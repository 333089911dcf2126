CREATE TABLE t (id int);
INSERT INTO t VALUES (1);
SELECT 'never closed FROM t;
