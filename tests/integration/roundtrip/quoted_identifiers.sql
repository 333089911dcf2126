-- Names that need quotes: mixed case, spaces, reserved words, non-ASCII letters; in schemas, tables,
-- columns, constraints, indexes, sequences, types, views and functions.
CREATE SCHEMA "Sales";
CREATE TYPE "Sales"."Deal Stage" AS ENUM ('Open', 'Won');
CREATE TABLE "Sales"."Order Items" (
    "Id" serial PRIMARY KEY,
    "order" int NOT NULL,
    "user" text,
    "unitPrice" numeric(10,2) CHECK ("unitPrice" >= 0),
    "stage" "Sales"."Deal Stage" DEFAULT 'Open',
    größe int,
    CONSTRAINT "Order Items positive order" CHECK ("order" > 0)
);
CREATE INDEX "Order Items by user" ON "Sales"."Order Items" ("user", "order" DESC);
CREATE TABLE "select" ("from" int PRIMARY KEY, "Where" text REFERENCES "select"("Where"), UNIQUE ("Where"));
CREATE VIEW "Sales"."Big Items" AS SELECT "Id", "unitPrice" AS "Price" FROM "Sales"."Order Items" WHERE "unitPrice" > 100;
CREATE FUNCTION "Sales"."Total"("Qty" int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT "Qty" * 2 $$;
COMMENT ON COLUMN "Sales"."Order Items"."user" IS 'Who ordered.';
