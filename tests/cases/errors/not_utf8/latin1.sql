-- Latin-1 encoded comment: café
CREATE TABLE t (id int);
