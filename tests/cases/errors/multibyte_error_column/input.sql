CREATE TABLE café (id int, naïve text);
CREATE TABLE naïve_café (x int NOT NUL);
