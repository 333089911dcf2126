SELECT v FROM t WHERE id = $1;
UPDATE t SET v = $2 WHERE id = $1;
