#!/usr/bin/env python3
"""Writes a pg_dump --schema-only style file the size of a large real application (GitLab's db/structure.sql
has ~1 000 tables, ~4 000 indexes, ~1 700 foreign keys, ~1.5 MB). Usage: gen_large_schema.py TABLES > out.sql"""
import random
import sys

tables = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
rng = random.Random(42)
types = ["integer", "bigint", "text", "character varying", "character varying(255)", "boolean DEFAULT false NOT NULL",
         "timestamp with time zone", "timestamp without time zone", "jsonb DEFAULT '{}'::jsonb NOT NULL",
         "smallint DEFAULT 0 NOT NULL", "numeric(12,2)", "date", "bytea", "integer[] DEFAULT '{}'::integer[] NOT NULL"]
out = sys.stdout
out.write("SET statement_timeout = 0;\nSET lock_timeout = 0;\nSET client_encoding = 'UTF8';\n"
          "SELECT pg_catalog.set_config('search_path', '', false);\n\n"
          "CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;\n\n")
for t in range(tables):
    name = f"table_{t}"
    cols = [f"    id bigint NOT NULL"]
    ncols = rng.randint(4, 18)
    fks = []
    for c in range(ncols):
        if t > 0 and c < 2 and rng.random() < 0.6:
            cols.append(f"    ref{c}_id bigint")
            fks.append((f"ref{c}_id", f"table_{rng.randrange(t)}"))
        else:
            cols.append(f"    col_{c} {rng.choice(types)}")
    cols.append("    created_at timestamp with time zone NOT NULL")
    cols.append(f"    CONSTRAINT check_{t:06x} CHECK ((char_length(col_0::text) <= 255))" if rng.random() < 0.2 else "    updated_at timestamp with time zone NOT NULL")
    out.write(f"CREATE TABLE public.{name} (\n" + ",\n".join(cols) + "\n);\n\n")
    out.write(f"CREATE SEQUENCE public.{name}_id_seq\n    START WITH 1\n    INCREMENT BY 1\n    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1;\n\n")
    out.write(f"ALTER SEQUENCE public.{name}_id_seq OWNED BY public.{name}.id;\n\n")
    out.write(f"ALTER TABLE ONLY public.{name} ALTER COLUMN id SET DEFAULT nextval('public.{name}_id_seq'::regclass);\n\n")
    out.write(f"ALTER TABLE ONLY public.{name}\n    ADD CONSTRAINT {name}_pkey PRIMARY KEY (id);\n\n")
    for i in range(rng.randint(1, 5)):
        cols_idx = ", ".join(f"col_{rng.randrange(2, max(3, ncols))}" for _ in range(rng.randint(1, 2)))
        where = " WHERE (created_at IS NOT NULL)" if rng.random() < 0.2 else ""
        out.write(f"CREATE INDEX index_{name}_{i} ON public.{name} USING btree ({cols_idx}){where};\n\n")
    for col, ref in fks:
        out.write(f"CREATE INDEX index_{name}_on_{col} ON public.{name} USING btree ({col});\n\n")
        out.write(f"ALTER TABLE ONLY public.{name}\n    ADD CONSTRAINT fk_{name}_{col} FOREIGN KEY ({col}) "
                  f"REFERENCES public.{ref}(id) ON DELETE CASCADE;\n\n")
    if rng.random() < 0.1:
        out.write(f"COMMENT ON TABLE public.{name} IS 'Table number {t}';\n\n")
