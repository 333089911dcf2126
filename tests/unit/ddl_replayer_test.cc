#include <gtest/gtest.h>

#include <algorithm>

#include "model/model_json.h"
#include "sources/ddl_loader.h"
#include "sql/parser.h"

namespace dbarch::sources {
namespace {

using model::ConstraintKind;
using model::QualifiedName;

struct Replayed {
  model::Catalog catalog;
  Diagnostics diagnostics;
  std::string schema;

  const model::Table& table(const std::string& name, const std::string& schema_name = "public") const {
    static const model::Table kMissing;
    const model::Table* t = catalog.FindTable({schema_name, name});
    EXPECT_NE(t, nullptr) << "no table " << name;
    return t ? *t : kMissing;
  }
  bool HasIndex(const std::string& name, const std::string& schema_name = "public") const {
    return catalog.indexes.count({schema_name, name}) > 0;
  }
  int Count(const std::string& code) const {
    return static_cast<int>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                          [&](const Diagnostic& d) { return d.code == code; }));
  }
};

Replayed Replay(const std::string& text, bool view_definitions = true) {
  Replayed out;
  auto file = sql::ParseString("t.sql", text);
  EXPECT_TRUE(file.ok()) << file.status().ToString();
  if (!file.ok()) return out;
  DdlReplayer replayer(&out.catalog);
  replayer.KeepViewDefinitions(view_definitions);
  replayer.ApplyFile(*file, &out.diagnostics);
  out.schema = replayer.current_schema();
  return out;
}

std::vector<std::string> ConstraintNames(const model::Table& t) {
  std::vector<std::string> out;
  for (const auto& c : t.constraints) out.push_back(c.name);
  return out;
}

TEST(DdlReplayerTest, CreateTableColumnsAndTypes) {
  auto r = Replay(
      "CREATE TABLE t (id bigint, name varchar(255) NOT NULL, price numeric(10,2) DEFAULT 0, "
      "tags text[], at timestamptz, t2 timestamp(3), c char(2) COLLATE \"C\", i int4);");
  const auto& t = r.table("t");
  ASSERT_EQ(t.columns.size(), 8u);
  EXPECT_EQ(t.columns[0].type.ToSql(), "bigint");
  EXPECT_EQ(t.columns[1].type.ToSql(), "character varying(255)");
  EXPECT_TRUE(t.columns[1].not_null);
  EXPECT_EQ(t.columns[2].type.ToSql(), "numeric(10,2)");
  EXPECT_EQ(t.columns[2].default_expr, "0");
  EXPECT_EQ(t.columns[3].type.ToSql(), "text[]");
  EXPECT_EQ(t.columns[4].type.ToSql(), "timestamp with time zone");
  EXPECT_EQ(t.columns[5].type.ToSql(), "timestamp(3) without time zone");
  EXPECT_EQ(t.columns[6].collation, "C");
  EXPECT_EQ(t.columns[7].type.ToSql(), "integer");
  EXPECT_EQ(t.columns[1].location.line, 1);
  EXPECT_GT(t.columns[1].location.column, 1);
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(DdlReplayerTest, SerialCreatesOwnedSequenceAndDefault) {
  auto r = Replay("CREATE TABLE orders (id serial PRIMARY KEY, big bigserial);");
  const auto& t = r.table("orders");
  EXPECT_EQ(t.columns[0].type.name, "integer");
  EXPECT_TRUE(t.columns[0].from_serial);
  EXPECT_TRUE(t.columns[0].not_null);
  EXPECT_EQ(t.columns[0].default_expr, "nextval('orders_id_seq'::regclass)");
  ASSERT_TRUE(r.catalog.sequences.count({"public", "orders_id_seq"}));
  const auto& seq = r.catalog.sequences.at({"public", "orders_id_seq"});
  EXPECT_EQ(seq.data_type, "integer");
  EXPECT_EQ(seq.owned_by_table, (QualifiedName{"public", "orders"}));
  EXPECT_EQ(seq.owned_by_column, "id");
  EXPECT_EQ(r.catalog.sequences.at({"public", "orders_big_seq"}).data_type, "bigint");
}

TEST(DdlReplayerTest, DefaultConstraintNamesAndBackingIndexes) {
  auto r = Replay(
      "CREATE TABLE a (id int PRIMARY KEY, code text UNIQUE, x int CHECK (x > 0), y int, z int,"
      " CHECK (y < z), UNIQUE (y, z));\n"
      "CREATE TABLE b (id int, a_id int REFERENCES a, PRIMARY KEY (id), FOREIGN KEY (id, a_id) REFERENCES a (y, z));");
  const auto& a = r.table("a");
  EXPECT_EQ(ConstraintNames(a),
            (std::vector<std::string>{"a_x_check", "a_check", "a_pkey", "a_code_key", "a_y_z_key"}));
  ASSERT_TRUE(r.HasIndex("a_pkey"));
  const auto& pk = r.catalog.indexes.at({"public", "a_pkey"});
  EXPECT_TRUE(pk.primary);
  EXPECT_TRUE(pk.unique);
  EXPECT_EQ(pk.constraint_name, "a_pkey");
  EXPECT_TRUE(r.HasIndex("a_code_key"));
  EXPECT_TRUE(r.HasIndex("a_y_z_key"));
  EXPECT_TRUE(a.FindColumn("id")->not_null);
  const auto& b = r.table("b");
  EXPECT_EQ(ConstraintNames(b), (std::vector<std::string>{"b_pkey", "b_a_id_fkey", "b_id_a_id_fkey"}));
  const auto* fk = b.FindConstraint("b_a_id_fkey");
  EXPECT_EQ(fk->referenced_table, (QualifiedName{"public", "a"}));
  EXPECT_EQ(fk->referenced_columns, std::vector<std::string>{"id"});  // filled from a's PK
}

TEST(DdlReplayerTest, ForeignKeyOptions) {
  auto r = Replay(
      "CREATE TABLE p (id int PRIMARY KEY);\n"
      "CREATE TABLE c (a int REFERENCES p ON DELETE NO ACTION, b int REFERENCES p, d int REFERENCES p (id) "
      "ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED,"
      " e int, CONSTRAINT c_e FOREIGN KEY (e) REFERENCES p MATCH FULL ON DELETE SET DEFAULT);\n"
      "ALTER TABLE c ADD CONSTRAINT late FOREIGN KEY (b) REFERENCES p NOT VALID;");
  const auto& c = r.table("c");
  const auto* a = c.FindConstraint("c_a_fkey");
  EXPECT_TRUE(a->on_delete_explicit);
  EXPECT_EQ(a->on_delete, model::ReferentialAction::kNoAction);
  const auto* b = c.FindConstraint("c_b_fkey");
  EXPECT_FALSE(b->on_delete_explicit);
  const auto* d = c.FindConstraint("c_d_fkey");
  EXPECT_EQ(d->on_delete, model::ReferentialAction::kCascade);
  EXPECT_EQ(d->on_update, model::ReferentialAction::kSetNull);
  EXPECT_TRUE(d->deferrable);
  EXPECT_TRUE(d->initially_deferred);
  const auto* e = c.FindConstraint("c_e");
  EXPECT_EQ(e->match_type, "FULL");
  EXPECT_EQ(e->on_delete, model::ReferentialAction::kSetDefault);
  const auto* late = c.FindConstraint("late");
  EXPECT_TRUE(late->not_valid);
  EXPECT_FALSE(late->on_delete_explicit);
  r = Replay("CREATE TABLE p (id int PRIMARY KEY);\nALTER TABLE c VALIDATE CONSTRAINT x;");
  EXPECT_EQ(r.Count("unknown-object"), 1);
}

TEST(DdlReplayerTest, ValidateConstraintClearsNotValid) {
  auto r = Replay(
      "CREATE TABLE t (x int);\nALTER TABLE t ADD CONSTRAINT pos CHECK (x > 0) NOT VALID;\n"
      "ALTER TABLE t VALIDATE CONSTRAINT pos;");
  EXPECT_FALSE(r.table("t").FindConstraint("pos")->not_valid);
  EXPECT_EQ(r.table("t").FindConstraint("pos")->check_expr, "x > 0");
}

TEST(DdlReplayerTest, UniqueIncludeNullsNotDistinctAndExclude) {
  auto r = Replay(
      "CREATE TABLE t (a int, b int, during tstzrange, status text,"
      " UNIQUE NULLS NOT DISTINCT (a) INCLUDE (b),"
      " EXCLUDE USING gist (a WITH =, during WITH &&) WHERE (status <> 'x'));");
  const auto& t = r.table("t");
  ASSERT_EQ(t.constraints.size(), 2u);
  EXPECT_EQ(t.constraints[0].name, "t_a_b_key");
  EXPECT_TRUE(t.constraints[0].nulls_not_distinct);
  EXPECT_EQ(t.constraints[0].include_columns, std::vector<std::string>{"b"});
  const auto& ex = t.constraints[1];
  EXPECT_EQ(ex.kind, ConstraintKind::kExclude);
  EXPECT_EQ(ex.name, "t_a_during_excl");
  EXPECT_EQ(ex.exclusion_method, "gist");
  ASSERT_EQ(ex.exclusion_elements.size(), 2u);
  EXPECT_EQ(ex.exclusion_elements[1].op, "&&");
  EXPECT_EQ(ex.where_predicate, "status <> 'x'");
  const auto& idx = r.catalog.indexes.at({"public", "t_a_during_excl"});
  EXPECT_EQ(idx.method, "gist");
  EXPECT_FALSE(idx.unique);
  EXPECT_EQ(idx.predicate, "status <> 'x'");
}

TEST(DdlReplayerTest, IdentityAndGeneratedColumns) {
  auto r = Replay(
      "CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY, n int GENERATED BY DEFAULT AS IDENTITY,"
      " r tstzrange, s timestamptz GENERATED ALWAYS AS (lower(r)) STORED);");
  const auto& t = r.table("t");
  EXPECT_EQ(t.columns[0].identity, model::IdentityKind::kAlways);
  EXPECT_TRUE(t.columns[0].not_null);
  EXPECT_EQ(t.columns[1].identity, model::IdentityKind::kByDefault);
  EXPECT_EQ(t.columns[3].generated_expr, "lower(r)");
  EXPECT_TRUE(r.catalog.sequences.count({"public", "t_id_seq"}));
  r = Replay("CREATE TABLE t (id int NOT NULL);\nALTER TABLE t ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY "
             "(SEQUENCE NAME t_seq START WITH 10);\nALTER TABLE t ALTER COLUMN id SET GENERATED ALWAYS;");
  EXPECT_EQ(r.table("t").columns[0].identity, model::IdentityKind::kAlways);
  ASSERT_TRUE(r.catalog.sequences.count({"public", "t_seq"}));
  EXPECT_EQ(r.catalog.sequences.at({"public", "t_seq"}).start, 10);
  r = Replay("CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY);\nALTER TABLE t ALTER COLUMN id DROP IDENTITY;");
  EXPECT_EQ(r.table("t").columns[0].identity, model::IdentityKind::kNone);
  EXPECT_TRUE(r.catalog.sequences.empty());
}

TEST(DdlReplayerTest, PartitionedTablesAndPartitions) {
  auto r = Replay(
      "CREATE TABLE ev (id bigint, at timestamptz NOT NULL, kind text) PARTITION BY RANGE (at);\n"
      "CREATE TABLE ev_2025 PARTITION OF ev FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');\n"
      "CREATE TABLE ev_def PARTITION OF ev DEFAULT;\n"
      "CREATE TABLE l (k text) PARTITION BY LIST (lower(k));\n"
      "CREATE TABLE l_a PARTITION OF l FOR VALUES IN ('a', 'b');\n"
      "CREATE TABLE h (id int) PARTITION BY HASH (id);\n"
      "CREATE TABLE h0 (id int);\n"
      "ALTER TABLE h ATTACH PARTITION h0 FOR VALUES WITH (MODULUS 2, REMAINDER 0);\n"
      "ALTER TABLE ev DETACH PARTITION ev_def;");
  const auto& ev = r.table("ev");
  EXPECT_EQ(ev.kind, model::TableKind::kPartitioned);
  EXPECT_EQ(ev.partition_strategy, "range");
  EXPECT_EQ(ev.partition_keys, std::vector<std::string>{"at"});
  const auto& p = r.table("ev_2025");
  EXPECT_EQ(p.partition_of, (QualifiedName{"public", "ev"}));
  EXPECT_EQ(p.partition_bound, "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')");
  EXPECT_EQ(p.columns.size(), 3u);
  EXPECT_TRUE(p.FindColumn("at")->not_null);
  EXPECT_FALSE(r.table("ev_def").partition_of.has_value());
  EXPECT_EQ(r.table("l").partition_keys, std::vector<std::string>{"lower(k)"});
  EXPECT_EQ(r.table("l_a").partition_bound, "FOR VALUES IN ('a', 'b')");
  EXPECT_EQ(r.table("h0").partition_bound, "FOR VALUES WITH (MODULUS 2, REMAINDER 0)");
  EXPECT_EQ(r.table("h0").partition_of, (QualifiedName{"public", "h"}));
}

TEST(DdlReplayerTest, TableFlavours) {
  auto r = Replay(
      "CREATE UNLOGGED TABLE u (id int);\nCREATE TEMP TABLE tmp (id int);\n"
      "CREATE TABLE base (id int PRIMARY KEY, note text DEFAULT 'x', CHECK (id > 0));\n"
      "CREATE TABLE child (extra int) INHERITS (base);\n"
      "CREATE TABLE copy (LIKE base INCLUDING ALL, more int);\n"
      "CREATE TABLE bare (LIKE base);\n"
      "CREATE TABLE ctas AS SELECT id, note AS n FROM base;");
  EXPECT_TRUE(r.table("u").unlogged);
  EXPECT_TRUE(r.table("tmp").temporary);
  const auto& child = r.table("child");
  EXPECT_EQ(child.inherits, (std::vector<QualifiedName>{{"public", "base"}}));
  EXPECT_EQ(child.columns.size(), 3u);
  const auto& copy = r.table("copy");
  ASSERT_EQ(copy.columns.size(), 3u);
  EXPECT_EQ(copy.columns[1].default_expr, "'x'");
  EXPECT_NE(copy.PrimaryKey(), nullptr);
  EXPECT_TRUE(r.HasIndex("copy_pkey"));
  const auto& bare = r.table("bare");
  EXPECT_FALSE(bare.columns[1].default_expr.has_value());
  EXPECT_TRUE(bare.constraints.empty());
  const auto& ctas = r.table("ctas");
  ASSERT_EQ(ctas.columns.size(), 2u);
  EXPECT_EQ(ctas.columns[1].name, "n");
  EXPECT_EQ(r.Count("unknown-column-types"), 1);
}

TEST(DdlReplayerTest, CreateIndexVariants) {
  auto r = Replay(
      "CREATE TABLE t (a int, b text, c jsonb);\n"
      "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_b_uq ON ONLY t USING btree (lower(b) text_pattern_ops DESC "
      "NULLS LAST) INCLUDE (a) WHERE a > 0;\n"
      "CREATE INDEX ON t (a, b);\nCREATE INDEX ON t (a, b);\nCREATE INDEX ON t (lower(b));\n"
      "CREATE INDEX ON t USING gin (c jsonb_path_ops);\n"
      "CREATE INDEX IF NOT EXISTS t_b_uq ON t (a);\nCREATE INDEX t_b_uq ON t (a);\nCREATE INDEX x ON nope (a);");
  const auto& i = r.catalog.indexes.at({"public", "t_b_uq"});
  EXPECT_TRUE(i.unique);
  EXPECT_TRUE(i.created_concurrently);
  ASSERT_EQ(i.keys.size(), 1u);
  EXPECT_EQ(i.keys[0].expression, "lower(b)");
  EXPECT_EQ(i.keys[0].opclass, "text_pattern_ops");
  EXPECT_TRUE(i.keys[0].descending);
  EXPECT_EQ(i.keys[0].nulls_first, false);
  EXPECT_EQ(i.include_columns, std::vector<std::string>{"a"});
  EXPECT_EQ(i.predicate, "a > 0");
  EXPECT_TRUE(r.HasIndex("t_a_b_idx"));
  EXPECT_TRUE(r.HasIndex("t_a_b_idx1"));
  EXPECT_TRUE(r.HasIndex("t_lower_idx"));
  EXPECT_TRUE(r.HasIndex("t_c_idx"));
  EXPECT_EQ(r.catalog.indexes.at({"public", "t_c_idx"}).method, "gin");
  EXPECT_EQ(r.Count("duplicate-object"), 1);
  EXPECT_EQ(r.Count("unknown-object"), 1);
}

TEST(DdlReplayerTest, LongNamesAreTruncatedLikePostgres) {
  std::string long_table(60, 't');
  auto r = Replay("CREATE TABLE " + long_table + " (some_long_column_name int UNIQUE);");
  const auto& t = r.table(long_table);
  ASSERT_EQ(t.constraints.size(), 1u);
  EXPECT_LE(t.constraints[0].name.size(), 63u);
  // makeObjectName shortens the longer part first: 63 - len("_key") - len("_") = 58 bytes for the two names.
  EXPECT_EQ(t.constraints[0].name, std::string(37, 't') + "_some_long_column_name_key");
}

TEST(DdlReplayerTest, AlterTableColumnCommands) {
  auto r = Replay(
      "CREATE TABLE t (a int, b text DEFAULT 'x', c int);\n"
      "ALTER TABLE t ADD COLUMN d uuid NOT NULL DEFAULT gen_random_uuid(), ADD COLUMN IF NOT EXISTS a int;\n"
      "ALTER TABLE t ALTER COLUMN a SET NOT NULL, ALTER COLUMN b DROP DEFAULT, ALTER COLUMN c SET DEFAULT 7;\n"
      "ALTER TABLE t ALTER COLUMN c TYPE bigint USING c::bigint, ALTER COLUMN a SET STATISTICS 500;\n"
      "ALTER TABLE t OWNER TO someone;\nALTER TABLE t SET (fillfactor = 80);\nALTER TABLE t SET UNLOGGED;\n"
      "ALTER TABLE t ENABLE ROW LEVEL SECURITY;\nALTER TABLE t FORCE ROW LEVEL SECURITY;\n"
      "ALTER TABLE t DISABLE TRIGGER ALL;\nALTER TABLE IF EXISTS missing ADD COLUMN x int;\n"
      "ALTER TABLE missing2 ADD COLUMN x int;");
  const auto& t = r.table("t");
  ASSERT_EQ(t.columns.size(), 4u);
  EXPECT_TRUE(t.FindColumn("a")->not_null);
  EXPECT_FALSE(t.FindColumn("b")->default_expr.has_value());
  EXPECT_EQ(t.FindColumn("c")->default_expr, "7");
  EXPECT_EQ(t.FindColumn("c")->type.name, "bigint");
  EXPECT_EQ(t.FindColumn("d")->default_expr, "gen_random_uuid()");
  EXPECT_TRUE(t.unlogged);
  EXPECT_TRUE(t.rls_enabled);
  EXPECT_TRUE(t.rls_forced);
  EXPECT_EQ(r.Count("unknown-object"), 1);
  EXPECT_EQ(r.diagnostics.size(), 1u);
}

TEST(DdlReplayerTest, DropColumnRemovesDependentConstraintsAndIndexes) {
  auto r = Replay(
      "CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE, x int CHECK (x > 0), y int);\n"
      "CREATE TABLE c (p_code text REFERENCES p (code));\n"
      "CREATE INDEX p_lower ON p (lower(code));\nCREATE INDEX p_y ON p (y) WHERE code IS NOT NULL;\n"
      "CREATE INDEX p_y2 ON p (y);\n"
      "ALTER TABLE p DROP COLUMN code CASCADE, DROP COLUMN x;");
  const auto& p = r.table("p");
  EXPECT_EQ(ConstraintNames(p), std::vector<std::string>{"p_pkey"});
  EXPECT_FALSE(r.HasIndex("p_code_key"));
  EXPECT_FALSE(r.HasIndex("p_lower"));
  EXPECT_FALSE(r.HasIndex("p_y"));
  EXPECT_TRUE(r.HasIndex("p_y2"));
  EXPECT_TRUE(r.table("c").constraints.empty());
  EXPECT_EQ(r.Count("dependent-objects"), 0);
}

// The replay looks for a dropped or renamed column's owned sequences only under names a sequence was ever
// owned by (serial, identity, OWNED BY, and a rename of such a column), and follows foreign keys into a
// dropped column only when one ever referenced it, also after renames of the column and of its table.
TEST(DdlReplayerTest, DropColumnFollowsOwnedSequencesAndReferencesThroughRenames) {
  auto r = Replay(
      "CREATE TABLE t (id serial PRIMARY KEY, code serial, n int GENERATED BY DEFAULT AS IDENTITY, x int UNIQUE);\n"
      "CREATE SEQUENCE owned_seq OWNED BY t.x;\n"
      "ALTER TABLE t RENAME COLUMN x TO y;\n"
      "CREATE TABLE c (t_y int REFERENCES t (y), t_id int REFERENCES t (id));\n"
      "ALTER TABLE t RENAME TO t2;\n"
      "ALTER TABLE t2 RENAME COLUMN y TO z;\n"
      "ALTER TABLE t2 DROP COLUMN code, DROP COLUMN n, DROP COLUMN z CASCADE;");
  EXPECT_TRUE(r.catalog.sequences.count({"public", "t_id_seq"}));
  EXPECT_FALSE(r.catalog.sequences.count({"public", "t_code_seq"}));
  EXPECT_FALSE(r.catalog.sequences.count({"public", "t_n_seq"}));
  EXPECT_FALSE(r.catalog.sequences.count({"public", "owned_seq"}));
  EXPECT_EQ(ConstraintNames(r.table("c")), std::vector<std::string>{"c_t_id_fkey"});
}

// `dbarch lint` replays without views' texts; everything else about the view stays.
TEST(DdlReplayerTest, ViewDefinitionsCanBeLeftOut) {
  const std::string ddl =
      "CREATE TABLE t (id int, name text);\n"
      "CREATE VIEW v (ident) AS SELECT id, name FROM t WHERE id > 0;\n"
      "CREATE MATERIALIZED VIEW m AS SELECT name FROM v WITH NO DATA;";
  auto with = Replay(ddl);
  auto without = Replay(ddl, /*view_definitions=*/false);
  for (const char* name : {"v", "m"}) {
    const auto& a = with.catalog.views.at({"public", name});
    const auto& b = without.catalog.views.at({"public", name});
    EXPECT_FALSE(a.definition.empty()) << name;
    EXPECT_TRUE(b.definition.empty()) << name;
    EXPECT_EQ(a.columns, b.columns) << name;
    EXPECT_EQ(a.reads, b.reads) << name;
    EXPECT_EQ(a.with_data, b.with_data) << name;
  }
  EXPECT_EQ(with.catalog.views.at({"public", "v"}).definition, "SELECT id, name FROM t WHERE id > 0");
}

TEST(DdlReplayerTest, AddConstraintUsingIndexAndDropConstraint) {
  auto r = Replay(
      "CREATE TABLE t (id int NOT NULL, email text);\n"
      "CREATE UNIQUE INDEX CONCURRENTLY t_email_idx ON t (email);\n"
      "ALTER TABLE t ADD CONSTRAINT t_email_key UNIQUE USING INDEX t_email_idx;\n"
      "CREATE UNIQUE INDEX t_id_idx ON t (id);\nALTER TABLE t ADD PRIMARY KEY USING INDEX t_id_idx;\n"
      "CREATE TABLE r (t_id int REFERENCES t);\n");
  const auto& t = r.table("t");
  const auto* key = t.FindConstraint("t_email_key");
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(key->using_index, "t_email_idx");
  EXPECT_EQ(key->columns, std::vector<std::string>{"email"});
  EXPECT_FALSE(r.HasIndex("t_email_idx"));
  ASSERT_TRUE(r.HasIndex("t_email_key"));
  EXPECT_EQ(r.catalog.indexes.at({"public", "t_email_key"}).constraint_name, "t_email_key");
  ASSERT_NE(t.FindConstraint("t_id_idx"), nullptr);  // PK … USING INDEX keeps the index name
  EXPECT_TRUE(r.catalog.indexes.at({"public", "t_id_idx"}).primary);
  EXPECT_EQ(r.table("r").constraints[0].referenced_columns, std::vector<std::string>{"id"});

  r = Replay(
      "CREATE TABLE t (id int PRIMARY KEY, e text CONSTRAINT e_uq UNIQUE);\nCREATE TABLE r (t_id int REFERENCES t);\n"
      "ALTER TABLE t DROP CONSTRAINT e_uq;\nALTER TABLE t DROP CONSTRAINT t_pkey;\n"
      "ALTER TABLE t DROP CONSTRAINT IF EXISTS nothing;\nALTER TABLE t DROP CONSTRAINT nothing2;");
  EXPECT_TRUE(r.table("t").constraints.empty());
  EXPECT_TRUE(r.catalog.indexes.empty());
  EXPECT_TRUE(r.table("r").constraints.empty());
  EXPECT_EQ(r.Count("dependent-objects"), 1);  // the FK needed CASCADE
  EXPECT_EQ(r.Count("unknown-object"), 1);
}

TEST(DdlReplayerTest, RenameColumnUpdatesReferences) {
  auto r = Replay(
      "CREATE TABLE p (id int PRIMARY KEY, code text, CHECK (length(code) > 2));\n"
      "CREATE TABLE c (p_id int REFERENCES p);\n"
      "CREATE INDEX p_code_lower ON p (lower(code)) WHERE code <> '';\nCREATE INDEX p_code ON p (code) INCLUDE (id);\n"
      "ALTER TABLE p RENAME COLUMN code TO label;\nALTER TABLE p RENAME id TO pid;");
  const auto& p = r.table("p");
  EXPECT_NE(p.FindColumn("label"), nullptr);
  EXPECT_EQ(p.FindConstraint("p_code_check")->check_expr, "length(label) > 2");
  EXPECT_EQ(p.PrimaryKey()->columns, std::vector<std::string>{"pid"});
  const auto& lower = r.catalog.indexes.at({"public", "p_code_lower"});
  EXPECT_EQ(lower.keys[0].expression, "lower(label)");
  EXPECT_EQ(lower.predicate, "label <> ''");
  EXPECT_EQ(r.catalog.indexes.at({"public", "p_code"}).keys[0].column, "label");
  EXPECT_EQ(r.catalog.indexes.at({"public", "p_code"}).include_columns, std::vector<std::string>{"pid"});
  EXPECT_EQ(r.catalog.indexes.at({"public", "p_pkey"}).keys[0].column, "pid");
  EXPECT_EQ(r.table("c").constraints[0].referenced_columns, std::vector<std::string>{"pid"});
}

TEST(DdlReplayerTest, RenameTableConstraintIndexSequence) {
  auto r = Replay(
      "CREATE TABLE a (id serial PRIMARY KEY);\nCREATE TABLE b (a_id int REFERENCES a);\n"
      "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
      "CREATE TRIGGER tr BEFORE INSERT ON a FOR EACH ROW EXECUTE FUNCTION f();\n"
      "CREATE POLICY pol ON a USING (true);\nCREATE VIEW v AS SELECT * FROM a;\n"
      "GRANT SELECT ON a TO reader;\n"
      "ALTER TABLE a RENAME TO accounts;\n"
      "ALTER TABLE accounts RENAME CONSTRAINT a_pkey TO accounts_pkey;\n"
      "ALTER INDEX accounts_pkey RENAME TO accounts_pk;\n"
      "ALTER SEQUENCE a_id_seq RENAME TO accounts_id_seq;\n"
      "ALTER VIEW v RENAME TO v2;\nALTER TABLE b RENAME CONSTRAINT b_a_id_fkey TO b_account_fk;");
  EXPECT_EQ(r.catalog.FindTable({"public", "a"}), nullptr);
  const auto& t = r.table("accounts");
  ASSERT_NE(t.PrimaryKey(), nullptr);
  EXPECT_EQ(t.PrimaryKey()->name, "accounts_pk");
  ASSERT_TRUE(r.HasIndex("accounts_pk"));
  EXPECT_EQ(r.catalog.indexes.at({"public", "accounts_pk"}).table, (QualifiedName{"public", "accounts"}));
  EXPECT_EQ(r.table("b").constraints[0].referenced_table, (QualifiedName{"public", "accounts"}));
  EXPECT_EQ(r.table("b").constraints[0].name, "b_account_fk");
  EXPECT_EQ(r.catalog.triggers[0].table, (QualifiedName{"public", "accounts"}));
  EXPECT_EQ(r.catalog.policies[0].table, (QualifiedName{"public", "accounts"}));
  ASSERT_TRUE(r.catalog.sequences.count({"public", "accounts_id_seq"}));
  EXPECT_EQ(r.catalog.sequences.at({"public", "accounts_id_seq"}).owned_by_table, (QualifiedName{"public", "accounts"}));
  EXPECT_EQ(t.columns[0].default_expr, "nextval('accounts_id_seq'::regclass)");
  ASSERT_TRUE(r.catalog.views.count({"public", "v2"}));
  EXPECT_EQ(r.catalog.views.at({"public", "v2"}).reads, (std::vector<QualifiedName>{{"public", "accounts"}}));
  EXPECT_EQ(r.catalog.grants[0].object, "public.accounts");
  EXPECT_TRUE(r.diagnostics.empty()) << r.diagnostics[0].ToString();
}

TEST(DdlReplayerTest, SetSchemaMovesTableWithIndexesAndSequences) {
  auto r = Replay(
      "CREATE SCHEMA app;\nCREATE TABLE t (id serial PRIMARY KEY);\nCREATE TYPE mood AS ENUM ('a');\n"
      "ALTER TABLE t SET SCHEMA app;\nALTER TYPE mood SET SCHEMA app;\nALTER SCHEMA app RENAME TO core;");
  EXPECT_NE(r.catalog.FindTable({"core", "t"}), nullptr);
  EXPECT_TRUE(r.HasIndex("t_pkey", "core"));
  EXPECT_TRUE(r.catalog.sequences.count({"core", "t_id_seq"}));
  EXPECT_TRUE(r.catalog.enums.count({"core", "mood"}));
  EXPECT_TRUE(r.catalog.schemas.count("core"));
  EXPECT_FALSE(r.catalog.schemas.count("app"));
}

TEST(DdlReplayerTest, DropTableCascadeAndRestrict) {
  auto r = Replay(
      "CREATE TABLE p (id serial PRIMARY KEY);\nCREATE TABLE c (p_id int REFERENCES p);\n"
      "CREATE INDEX p_idx ON p (id);\nCREATE POLICY pol ON p USING (true);\n"
      "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
      "CREATE TRIGGER tr BEFORE INSERT ON p FOR EACH ROW EXECUTE FUNCTION f();\n"
      "CREATE VIEW v AS SELECT id FROM p;\n"
      "DROP TABLE p CASCADE;");
  EXPECT_EQ(r.catalog.FindTable({"public", "p"}), nullptr);
  EXPECT_TRUE(r.catalog.indexes.empty());
  EXPECT_TRUE(r.catalog.sequences.empty());
  EXPECT_TRUE(r.catalog.triggers.empty());
  EXPECT_TRUE(r.catalog.policies.empty());
  EXPECT_TRUE(r.catalog.views.empty());
  EXPECT_TRUE(r.table("c").constraints.empty());
  EXPECT_TRUE(r.diagnostics.empty());

  r = Replay("CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (p_id int REFERENCES p);\nDROP TABLE p;\n"
             "DROP TABLE IF EXISTS p;\nDROP TABLE p;");
  EXPECT_EQ(r.catalog.FindTable({"public", "p"}), nullptr);
  EXPECT_EQ(r.Count("dependent-objects"), 1);
  EXPECT_EQ(r.Count("unknown-object"), 1);
}

// The replayer finds children and referencing tables through an index it keeps (not by scanning every table):
// renames of either side, self references, attached partitions and a catalog it did not build must all be seen.
TEST(DdlReplayerTest, ChildrenAndReferencingTablesFollowRenames) {
  auto r = Replay(
      "CREATE TABLE node (id int PRIMARY KEY, parent_id int REFERENCES node (id), code text UNIQUE);\n"
      "CREATE TABLE edge (from_code text REFERENCES node (code));\n"
      "ALTER TABLE node RENAME TO vertex;\n"
      "ALTER TABLE edge RENAME TO link;\n"
      "ALTER TABLE vertex DROP COLUMN code CASCADE;\n"
      "ALTER TABLE vertex RENAME COLUMN id TO vertex_id;");
  const model::Constraint* self = r.table("vertex").FindConstraint("node_parent_id_fkey");
  ASSERT_NE(self, nullptr);
  EXPECT_EQ(self->referenced_table, (QualifiedName{"public", "vertex"}));
  EXPECT_EQ(self->referenced_columns, std::vector<std::string>{"vertex_id"});
  EXPECT_TRUE(r.table("link").constraints.empty());  // its key column went with CASCADE

  r = Replay(
      "CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);\n"
      "CREATE TABLE m_2026 (id int, at date);\n"
      "ALTER TABLE m ATTACH PARTITION m_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');\n"
      "CREATE SCHEMA old;\n"
      "ALTER TABLE m SET SCHEMA old;\n"
      "ALTER TABLE old.m ADD COLUMN note text;\n"
      "ALTER TABLE old.m DROP COLUMN id;");
  EXPECT_NE(r.table("m_2026").FindColumn("note"), nullptr);
  EXPECT_EQ(r.table("m_2026").FindColumn("id"), nullptr);
  EXPECT_EQ(r.table("m_2026").partition_of, (QualifiedName{"old", "m"}));

  // A catalog that already holds a child when the replayer starts.
  model::Catalog catalog = Replay("CREATE TABLE p (a int, b int);\nCREATE TABLE c () INHERITS (p);").catalog;
  DdlReplayer replayer(&catalog);
  Diagnostics diagnostics;
  auto file = sql::ParseString("later.sql", "ALTER TABLE p DROP COLUMN b;");
  ASSERT_TRUE(file.ok());
  replayer.ApplyFile(*file, &diagnostics);
  const model::Table* child = catalog.FindTable({"public", "c"});
  ASSERT_NE(child, nullptr);
  EXPECT_EQ(child->FindColumn("b"), nullptr);
  EXPECT_NE(child->FindColumn("a"), nullptr);
}

TEST(DdlReplayerTest, DropOtherObjects) {
  auto r = Replay(
      "CREATE SCHEMA s;\nCREATE TABLE s.t (id int);\nCREATE TYPE e AS ENUM ('a');\nCREATE DOMAIN d AS int;\n"
      "CREATE TABLE u (x e, y d);\nCREATE SEQUENCE q;\nCREATE EXTENSION citext;\nCREATE ROLE r1;\n"
      "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'select a';\n"
      "CREATE INDEX u_x ON u (x);\nCREATE MATERIALIZED VIEW mv AS SELECT 1 AS one;\n"
      "DROP TYPE e CASCADE;\nDROP DOMAIN d;\nDROP SEQUENCE q;\nDROP EXTENSION citext;\nDROP ROLE r1;\n"
      "DROP FUNCTION f(integer);\nDROP INDEX u_x;\nDROP MATERIALIZED VIEW mv;\nDROP SCHEMA s CASCADE;\n"
      "DROP FUNCTION IF EXISTS nope();\nDROP VIEW nope;");
  EXPECT_TRUE(r.catalog.enums.empty());
  EXPECT_TRUE(r.catalog.domains.empty());
  EXPECT_TRUE(r.catalog.sequences.empty());
  EXPECT_TRUE(r.catalog.extensions.empty());
  EXPECT_TRUE(r.catalog.roles.empty());
  EXPECT_TRUE(r.catalog.functions.empty());
  EXPECT_TRUE(r.catalog.views.empty());
  EXPECT_TRUE(r.catalog.indexes.empty());
  EXPECT_FALSE(r.catalog.schemas.count("s"));
  EXPECT_EQ(r.catalog.tables.size(), 1u);
  EXPECT_EQ(r.table("u").columns.size(), 1u);  // x went with the enum (CASCADE)
  EXPECT_EQ(r.Count("dependent-objects"), 1);   // DROP DOMAIN d without CASCADE while u.y uses it
  // DROP INDEX u_x: the index already went with column x; DROP VIEW nope.
  EXPECT_EQ(r.Count("unknown-object"), 2);
}

TEST(DdlReplayerTest, ViewsAndMaterializedViews) {
  auto r = Replay(
      "CREATE SCHEMA rep;\nCREATE TABLE o (id int, cid int, total numeric);\nCREATE TABLE c (id int, name text);\n"
      "CREATE TABLE rep.x (id int);\n"
      "CREATE VIEW v (oid) AS WITH big AS (SELECT * FROM o WHERE total > 10) "
      "SELECT b.id, c.name, count(*) FROM big b JOIN c ON c.id = b.cid "
      "WHERE EXISTS (SELECT 1 FROM rep.x WHERE x.id = b.id) GROUP BY 1, 2;\n"
      "CREATE OR REPLACE VIEW star AS SELECT * FROM o;\n"
      "CREATE MATERIALIZED VIEW mv AS SELECT cid, sum(total) AS s FROM o GROUP BY cid WITH NO DATA;\n"
      "CREATE UNIQUE INDEX mv_cid ON mv (cid);\nREFRESH MATERIALIZED VIEW mv;");
  const auto& v = r.catalog.views.at({"public", "v"});
  EXPECT_EQ(v.columns, (std::vector<std::string>{"oid", "name", "count"}));
  EXPECT_EQ(v.reads, (std::vector<QualifiedName>{{"public", "c"}, {"public", "o"}, {"rep", "x"}}));  // sorted
  EXPECT_NE(v.definition.find("JOIN"), std::string::npos);
  EXPECT_EQ(r.catalog.views.at({"public", "star"}).columns, (std::vector<std::string>{"id", "cid", "total"}));
  const auto& mv = r.catalog.views.at({"public", "mv"});
  EXPECT_TRUE(mv.materialized);
  EXPECT_FALSE(mv.with_data);
  EXPECT_EQ(mv.columns, (std::vector<std::string>{"cid", "s"}));
  EXPECT_TRUE(r.HasIndex("mv_cid"));
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(DdlReplayerTest, SequencesEnumsDomains) {
  auto r = Replay(
      "CREATE TABLE t (id int);\n"
      "CREATE SEQUENCE s AS integer START WITH 5 INCREMENT BY 2 MINVALUE 1 MAXVALUE 1000 CYCLE;\n"
      "ALTER SEQUENCE s OWNED BY t.id;\nALTER SEQUENCE s NO MAXVALUE;\n"
      "CREATE TYPE st AS ENUM ('new', 'done');\nALTER TYPE st ADD VALUE 'doing' BEFORE 'done';\n"
      "ALTER TYPE st ADD VALUE IF NOT EXISTS 'new';\nALTER TYPE st ADD VALUE 'gone';\n"
      "ALTER TYPE st RENAME VALUE 'gone' TO 'archived';\n"
      "CREATE DOMAIN qty AS numeric(10,2) NOT NULL DEFAULT 0 CHECK (VALUE >= 0) CHECK (VALUE < 100);\n"
      "ALTER DOMAIN qty ADD CONSTRAINT qty_whole CHECK (VALUE = trunc(VALUE));\n"
      "ALTER DOMAIN qty ADD CHECK (VALUE <> 13);\nALTER DOMAIN qty DROP CONSTRAINT qty_check1;\n"
      "CREATE TABLE u (s st, q qty);");
  const auto& s = r.catalog.sequences.at({"public", "s"});
  EXPECT_EQ(s.data_type, "integer");
  EXPECT_EQ(s.start, 5);
  EXPECT_EQ(s.increment, 2);
  EXPECT_EQ(s.min_value, 1);
  EXPECT_FALSE(s.max_value.has_value());
  EXPECT_TRUE(s.cycle);
  EXPECT_EQ(s.owned_by_table, (QualifiedName{"public", "t"}));
  EXPECT_EQ(s.owned_by_column, "id");
  EXPECT_EQ(r.catalog.enums.at({"public", "st"}).values,
            (std::vector<std::string>{"new", "doing", "done", "archived"}));
  const auto& d = r.catalog.domains.at({"public", "qty"});
  EXPECT_EQ(d.base_type.ToSql(), "numeric(10,2)");
  EXPECT_TRUE(d.not_null);
  EXPECT_EQ(d.default_expr, "0");
  // Named as PostgreSQL names them (<domain>_check, then _check1, …), so DROP CONSTRAINT finds them.
  EXPECT_EQ(d.check_names, (std::vector<std::string>{"qty_check", "qty_whole", "qty_check2"}));
  EXPECT_EQ(d.checks.size(), 3u);
  const auto& u = r.table("u");
  EXPECT_EQ(u.columns[0].type.name, "public.st");
  EXPECT_TRUE(u.columns[0].type.is_user_type);
  EXPECT_EQ(u.columns[1].type.name, "public.qty");
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(DdlReplayerTest, FunctionsTriggersPolicies) {
  auto r = Replay(
      "CREATE TABLE t (id int, owner text, status text);\n"
      "CREATE FUNCTION add(a integer, b int DEFAULT 1, OUT c int) LANGUAGE sql IMMUTABLE AS 'SELECT a + b';\n"
      "CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public "
      "AS $$ BEGIN RETURN NEW; END $$;\n"
      "CREATE OR REPLACE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN OLD; END $$;\n"
      "CREATE FUNCTION list(p varchar(10)) RETURNS SETOF t LANGUAGE sql AS 'SELECT * FROM t';\n"
      "CREATE PROCEDURE p() LANGUAGE sql AS 'SELECT 1';\n"
      "CREATE TRIGGER a AFTER INSERT OR UPDATE OF status ON t FOR EACH ROW WHEN (NEW.status IS NOT NULL) "
      "EXECUTE FUNCTION trg();\n"
      "CREATE CONSTRAINT TRIGGER c AFTER DELETE ON t DEFERRABLE FOR EACH ROW EXECUTE PROCEDURE trg();\n"
      "CREATE POLICY own ON t AS RESTRICTIVE FOR SELECT TO app, PUBLIC USING (owner = current_user);\n"
      "CREATE POLICY ins ON t FOR INSERT WITH CHECK (owner = current_user);\n"
      "ALTER POLICY ins ON t WITH CHECK (true);\nDROP TRIGGER c ON t;\n"
      "COMMENT ON FUNCTION trg() IS 'audit';");
  const auto& fns = r.catalog.functions;
  ASSERT_TRUE(fns.count("public.add(integer, integer)"));
  const auto& add = fns.at("public.add(integer, integer)");
  EXPECT_EQ(add.returns, "integer");
  EXPECT_EQ(add.volatility, model::Volatility::kImmutable);
  EXPECT_EQ(add.body, "SELECT a + b");
  const auto& trg = fns.at("public.trg()");
  EXPECT_EQ(trg.volatility, model::Volatility::kStable);  // replaced
  EXPECT_FALSE(trg.security_definer);
  EXPECT_EQ(trg.body, " BEGIN RETURN OLD; END ");
  EXPECT_EQ(trg.comment, "audit");
  EXPECT_EQ(fns.at("public.list(character varying)").returns, "setof t");
  EXPECT_TRUE(fns.at("public.p()").is_procedure);
  ASSERT_EQ(r.catalog.triggers.size(), 1u);
  const auto& a = r.catalog.triggers[0];
  EXPECT_EQ(a.timing, "AFTER");
  EXPECT_EQ(a.events, (std::vector<std::string>{"INSERT", "UPDATE"}));
  EXPECT_EQ(a.update_columns, std::vector<std::string>{"status"});
  EXPECT_TRUE(a.for_each_row);
  EXPECT_EQ(a.when_expr, "new.status IS NOT NULL");
  EXPECT_EQ(a.function, (QualifiedName{"public", "trg"}));
  ASSERT_EQ(r.catalog.policies.size(), 2u);
  EXPECT_EQ(r.catalog.policies[0].command, "SELECT");
  EXPECT_FALSE(r.catalog.policies[0].permissive);
  EXPECT_EQ(r.catalog.policies[0].roles, (std::vector<std::string>{"app", "PUBLIC"}));
  EXPECT_EQ(r.catalog.policies[1].check_expr, "true");
  EXPECT_TRUE(r.diagnostics.empty()) << r.diagnostics[0].ToString();

  r = Replay("CREATE FUNCTION f() RETURNS int LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog AS 'SELECT 1';");
  EXPECT_TRUE(r.catalog.functions.at("public.f()").security_definer);
  EXPECT_TRUE(r.catalog.functions.at("public.f()").sets_search_path);
}

TEST(DdlReplayerTest, RolesAndGrants) {
  auto r = Replay(
      "CREATE TABLE t (id int, secret text);\nCREATE SCHEMA app;\n"
      "CREATE FUNCTION f(x text) RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
      "CREATE ROLE admin SUPERUSER CREATEDB;\nCREATE USER bob IN ROLE admin;\nCREATE ROLE app NOLOGIN BYPASSRLS;\n"
      "ALTER ROLE app LOGIN;\nGRANT app TO bob;\n"
      "GRANT SELECT, INSERT ON t TO app WITH GRANT OPTION;\nGRANT SELECT (id) ON t TO bob;\n"
      "GRANT USAGE ON SCHEMA app TO PUBLIC;\nGRANT EXECUTE ON FUNCTION f(text) TO app;\n"
      "GRANT ALL ON ALL TABLES IN SCHEMA public TO admin;\nGRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO app;\n"
      "REVOKE INSERT ON t FROM app;");
  const auto& roles = r.catalog.roles;
  EXPECT_TRUE(roles.at("admin").superuser);
  EXPECT_TRUE(roles.at("admin").create_db);
  EXPECT_FALSE(roles.at("admin").login);
  EXPECT_TRUE(roles.at("bob").login);
  EXPECT_EQ(roles.at("bob").member_of, (std::vector<std::string>{"admin", "app"}));
  EXPECT_TRUE(roles.at("app").login);
  EXPECT_TRUE(roles.at("app").bypass_rls);
  const auto& g = r.catalog.grants;
  ASSERT_EQ(g.size(), 6u);
  EXPECT_EQ(g[0].object_kind, "TABLE");
  EXPECT_EQ(g[0].object, "public.t");
  EXPECT_EQ(g[0].privileges, std::vector<std::string>{"SELECT"});
  EXPECT_TRUE(g[0].with_grant_option);
  EXPECT_EQ(g[1].columns, std::vector<std::string>{"id"});
  EXPECT_EQ(g[2].object_kind, "SCHEMA");
  EXPECT_EQ(g[2].grantee, "PUBLIC");
  EXPECT_EQ(g[3].object, "public.f(text)");
  EXPECT_EQ(g[4].object_kind, "ALL TABLES IN SCHEMA");
  EXPECT_EQ(g[4].privileges, std::vector<std::string>{"ALL"});
  EXPECT_EQ(g[5].object_kind, "ALL SEQUENCES IN SCHEMA");
}

TEST(DdlReplayerTest, CommentsOnObjects) {
  auto r = Replay(
      "CREATE SCHEMA s;\nCREATE TABLE t (id int CONSTRAINT t_pk PRIMARY KEY);\nCREATE INDEX ti ON t (id);\n"
      "CREATE VIEW v AS SELECT 1 AS x;\nCREATE TYPE e AS ENUM ('a');\n"
      "COMMENT ON SCHEMA s IS 'schema';\nCOMMENT ON TABLE t IS 'table';\nCOMMENT ON COLUMN t.id IS 'column';\n"
      "COMMENT ON INDEX ti IS 'index';\nCOMMENT ON CONSTRAINT t_pk ON t IS 'pk';\nCOMMENT ON VIEW v IS 'view';\n"
      "COMMENT ON TYPE e IS 'enum';\nCOMMENT ON TABLE t IS NULL;\nCOMMENT ON TABLE nope IS 'x';\n"
      "COMMENT ON EXTENSION plpgsql IS 'ignored';");
  EXPECT_EQ(r.catalog.schemas.at("s").comment, "schema");
  EXPECT_FALSE(r.table("t").comment.has_value());
  EXPECT_EQ(r.table("t").columns[0].comment, "column");
  EXPECT_EQ(r.catalog.indexes.at({"public", "ti"}).comment, "index");
  EXPECT_EQ(r.table("t").constraints[0].comment, "pk");
  EXPECT_EQ(r.catalog.views.at({"public", "v"}).comment, "view");
  EXPECT_EQ(r.catalog.enums.at({"public", "e"}).comment, "enum");
  EXPECT_EQ(r.Count("unknown-object"), 1);
}

TEST(DdlReplayerTest, SearchPathAndSchemas) {
  auto r = Replay(
      "CREATE SCHEMA IF NOT EXISTS app AUTHORIZATION owner1;\nSET search_path TO app, public;\n"
      "CREATE TABLE t (id int);\nCREATE TABLE public.p (id int);\nCREATE INDEX ON p (id);\n"
      "SELECT pg_catalog.set_config('search_path', '', false);\n"
      "SELECT pg_catalog.set_config('search_path', 'other, public', false);\nCREATE TABLE o (id int);\n"
      "RESET search_path;\nCREATE TABLE q (id int);\nCREATE SCHEMA inner_s CREATE TABLE it (id int);");
  EXPECT_NE(r.catalog.FindTable({"app", "t"}), nullptr);
  EXPECT_TRUE(r.HasIndex("p_id_idx"));  // unqualified p resolves through the path to public.p
  EXPECT_NE(r.catalog.FindTable({"other", "o"}), nullptr);
  EXPECT_NE(r.catalog.FindTable({"public", "q"}), nullptr);
  EXPECT_NE(r.catalog.FindTable({"inner_s", "it"}), nullptr);
  EXPECT_EQ(r.catalog.schemas.at("app").owner, "owner1");
  EXPECT_EQ(r.schema, "public");
}

TEST(DdlReplayerTest, IgnoredAndUnsupportedStatements) {
  auto r = Replay(
      "BEGIN;\nSET statement_timeout = 0;\nSELECT 1;\nINSERT INTO t VALUES (1);\nCOMMIT;\nANALYZE;\nVACUUM;\n"
      "DO $$ BEGIN NULL; END $$;\nCREATE SERVER s FOREIGN DATA WRAPPER postgres_fdw;\n"
      "CREATE RULE r AS ON INSERT TO x DO INSTEAD NOTHING;\nCREATE EXTENSION IF NOT EXISTS pgcrypto;\n"
      "CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA ext;");
  EXPECT_EQ(r.Count("do-block"), 1);
  EXPECT_EQ(r.diagnostics[0].severity, Severity::kInfo);
  EXPECT_EQ(r.Count("unsupported-statement"), 2);
  EXPECT_NE(r.diagnostics[1].message.find("CreateForeignServerStmt"), std::string::npos);
  EXPECT_EQ(r.catalog.extensions.at("pgcrypto").schema, "public");
}

TEST(DdlReplayerTest, UnknownObjectsNeverCrash) {
  auto r = Replay(
      "ALTER TABLE nope ADD CONSTRAINT x UNIQUE (a);\nALTER TABLE nope RENAME TO other;\n"
      "ALTER TYPE nope ADD VALUE 'x';\nALTER SEQUENCE nope OWNED BY nope.id;\nCREATE TRIGGER t AFTER INSERT ON nope "
      "FOR EACH ROW EXECUTE FUNCTION f();\nCREATE POLICY p ON nope USING (true);\nCOMMENT ON COLUMN nope.x IS 'y';\n"
      "CREATE TABLE t (a int);\nALTER TABLE t ALTER COLUMN zz SET NOT NULL;\nALTER TABLE t RENAME COLUMN zz TO yy;\n"
      "ALTER TABLE t DROP COLUMN zz;\nALTER TABLE t DROP COLUMN IF EXISTS zz;\nDROP INDEX nope;\n"
      "ALTER INDEX nope RENAME TO x;\nCREATE TABLE f (a int REFERENCES nope);");
  EXPECT_EQ(r.Count("unknown-object"), 13);
  for (const auto& d : r.diagnostics) EXPECT_EQ(d.severity, Severity::kWarning) << d.ToString();
}

TEST(DdlReplayerTest, PgDumpStyle) {
  auto r = Replay(
      "SET statement_timeout = 0;\nSET client_encoding = 'UTF8';\n"
      "SELECT pg_catalog.set_config('search_path', '', false);\n"
      "CREATE TABLE public.orders (\n    id integer NOT NULL,\n    customer_id integer\n);\n"
      "ALTER TABLE public.orders OWNER TO app;\n"
      "CREATE SEQUENCE public.orders_id_seq\n    AS integer\n    START WITH 1\n    INCREMENT BY 1\n"
      "    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1;\n"
      "ALTER SEQUENCE public.orders_id_seq OWNED BY public.orders.id;\n"
      "ALTER TABLE ONLY public.orders ALTER COLUMN id SET DEFAULT nextval('public.orders_id_seq'::regclass);\n"
      "COPY public.orders (id, customer_id) FROM stdin;\n1\t2\n\\.\n"
      "SELECT pg_catalog.setval('public.orders_id_seq', 1, true);\n"
      "ALTER TABLE ONLY public.orders\n    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);\n"
      "CREATE INDEX orders_customer_id_idx ON public.orders USING btree (customer_id);\n"
      "\\connect shop\n");
  const auto& t = r.table("orders");
  EXPECT_EQ(t.FindColumn("id")->default_expr, "nextval('public.orders_id_seq'::regclass)");
  EXPECT_NE(t.PrimaryKey(), nullptr);
  EXPECT_TRUE(r.HasIndex("orders_pkey"));
  EXPECT_TRUE(r.HasIndex("orders_customer_id_idx"));
  EXPECT_EQ(r.catalog.sequences.at({"public", "orders_id_seq"}).owned_by_column, "id");
  EXPECT_TRUE(r.diagnostics.empty()) << r.diagnostics[0].ToString();
}

TEST(DdlReplayerTest, CatalogJsonIsDeterministicAndOmitsDefaults) {
  auto r = Replay("CREATE TABLE t (id int PRIMARY KEY, note text);\nCREATE INDEX t_note ON t (note);");
  auto j = model::ToJson(r.catalog);
  EXPECT_EQ(j.dump(), model::ToJson(r.catalog).dump());
  const auto& t = j["tables"]["public.t"];
  EXPECT_EQ(t["columns"][0]["name"], "id");
  EXPECT_EQ(t["columns"][0]["not_null"], true);
  EXPECT_FALSE(t["columns"][1].contains("not_null"));
  EXPECT_EQ(t["constraints"][0]["kind"], "PRIMARY KEY");
  EXPECT_EQ(t["location"], "t.sql:1:1");
  EXPECT_EQ(j["indexes"]["public.t_note"]["keys"][0]["column"], "note");
  EXPECT_FALSE(j["indexes"]["public.t_note"].contains("method"));
  EXPECT_FALSE(j.contains("views"));
  EXPECT_TRUE(j["schemas"].contains("public"));
}

}  // namespace
}  // namespace dbarch::sources
