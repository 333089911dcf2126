-- Foreign-key cycles: one through a deferrable FK, one through a nullable FK (loaded NULL, then filled by an
-- UPDATE), and one that no INSERT order can satisfy (NOT NULL both ways, not deferrable).
-- rows: authors=500, books=2000, departments=50, employees=1000, eggs=300, chickens=300
-- expect: SELECT count(*) > 40 FROM departments WHERE manager_id IS NOT NULL = t
CREATE TABLE authors (
    id            serial PRIMARY KEY,
    favourite_book integer NOT NULL,
    name          text NOT NULL
);
CREATE TABLE books (
    id        serial PRIMARY KEY,
    author_id integer NOT NULL REFERENCES authors,
    title     text NOT NULL
);
ALTER TABLE authors ADD CONSTRAINT authors_favourite_book_fkey
    FOREIGN KEY (favourite_book) REFERENCES books DEFERRABLE INITIALLY IMMEDIATE;

CREATE TABLE departments (
    id         serial PRIMARY KEY,
    name       text NOT NULL,
    manager_id integer
);
CREATE TABLE employees (
    id            serial PRIMARY KEY,
    department_id integer NOT NULL REFERENCES departments,
    name          text NOT NULL
);
ALTER TABLE departments ADD FOREIGN KEY (manager_id) REFERENCES employees;

CREATE TABLE eggs (id serial PRIMARY KEY, chicken_id integer NOT NULL);
CREATE TABLE chickens (id serial PRIMARY KEY, egg_id integer NOT NULL REFERENCES eggs);
ALTER TABLE eggs ADD FOREIGN KEY (chicken_id) REFERENCES chickens;
