-- DROP with and without CASCADE, IF EXISTS, and what goes along with each object.
CREATE TABLE authors (id serial PRIMARY KEY, name text);
CREATE TABLE books (id serial PRIMARY KEY, author_id int REFERENCES authors, title text);
CREATE TABLE reviews (id int PRIMARY KEY, book_id int REFERENCES books ON DELETE CASCADE);
CREATE INDEX books_title_idx ON books (title);
CREATE VIEW book_titles AS SELECT b.title, a.name FROM books b JOIN authors a ON a.id = b.author_id;
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER books_audit AFTER INSERT ON books FOR EACH ROW EXECUTE FUNCTION audit();
CREATE POLICY books_all ON books USING (true);
CREATE TYPE mood AS ENUM ('happy', 'sad');
ALTER TABLE authors ADD COLUMN mood mood;
CREATE SCHEMA scratch;
CREATE TABLE scratch.tmp (id int);

DROP TABLE books CASCADE;
DROP TABLE authors;
DROP TYPE mood CASCADE;
DROP SCHEMA scratch CASCADE;
DROP TABLE IF EXISTS nothing_here;
DROP INDEX IF EXISTS nothing_idx;
DROP TABLE never_created;
DROP FUNCTION audit();
