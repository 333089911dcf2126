-- Renames must carry every reference along: indexes, constraints, FKs, triggers, policies, views.
CREATE TABLE products (id serial PRIMARY KEY, description text, price numeric CHECK (price > 0));
CREATE TABLE order_items (id int PRIMARY KEY, product_id int REFERENCES products, qty int);
CREATE INDEX products_description_idx ON products (lower(description)) WHERE description IS NOT NULL;
CREATE VIEW cheap AS SELECT id, description FROM products WHERE price < 10;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER products_touch BEFORE UPDATE OF description ON products FOR EACH ROW EXECUTE FUNCTION touch();
CREATE POLICY visible ON products USING (price > 0);
CREATE TYPE color AS ENUM ('red', 'green');
ALTER TABLE products ADD COLUMN color color;

ALTER TABLE products RENAME COLUMN description TO description_md;
ALTER TABLE products RENAME COLUMN price TO unit_price;
ALTER TABLE products RENAME TO items;
ALTER TABLE items RENAME CONSTRAINT products_pkey TO items_pkey;
ALTER INDEX products_description_idx RENAME TO items_description_idx;
ALTER SEQUENCE products_id_seq RENAME TO items_id_seq;
ALTER VIEW cheap RENAME TO cheap_items;
ALTER TRIGGER products_touch ON items RENAME TO items_touch;
ALTER POLICY visible ON items RENAME TO items_visible;
ALTER TYPE color RENAME TO colour;
ALTER TYPE colour RENAME VALUE 'green' TO 'verde';
ALTER FUNCTION touch() RENAME TO touch_row;
CREATE SCHEMA archive;
ALTER TABLE order_items SET SCHEMA archive;
