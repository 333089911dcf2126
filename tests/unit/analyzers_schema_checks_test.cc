// Each schema rule on a hand-built catalog: one schema that trips it and one that does not.
#include <gtest/gtest.h>

#include <algorithm>

#include "analyzers/schema_checks.h"
#include "sql/parser.h"

namespace dbarch::analyzers {
namespace {

using model::Catalog;
using model::Column;
using model::Constraint;
using model::ConstraintKind;
using model::Index;
using model::IndexKey;
using model::QualifiedName;
using model::Table;

Column Col(std::string name, std::string type, bool not_null = false) {
  Column c;
  c.name = std::move(name);
  c.type.name = std::move(type);
  c.not_null = not_null;
  c.location = {"V1.sql", 3, 3};
  return c;
}

Table& AddTable(Catalog& catalog, const std::string& name, std::vector<Column> columns) {
  Table t;
  t.name = {"public", name};
  t.columns = std::move(columns);
  t.location = {"V1.sql", 1, 1};
  return catalog.tables[t.name] = std::move(t);
}

void AddPrimaryKey(Table& t, std::vector<std::string> columns) {
  Constraint c;
  c.kind = ConstraintKind::kPrimaryKey;
  c.name = t.name.name + "_pkey";
  c.columns = std::move(columns);
  t.constraints.push_back(c);
}

void AddUnique(Table& t, std::string name, std::vector<std::string> columns) {
  Constraint c;
  c.kind = ConstraintKind::kUnique;
  c.name = std::move(name);
  c.columns = std::move(columns);
  t.constraints.push_back(c);
}

Constraint& AddForeignKey(Table& t, std::vector<std::string> columns, const std::string& parent) {
  Constraint c;
  c.kind = ConstraintKind::kForeignKey;
  c.name = t.name.name + "_" + columns[0] + "_fkey";
  c.columns = std::move(columns);
  c.referenced_table = {"public", parent};
  c.referenced_columns = {"id"};
  c.location = {"V1.sql", 9, 5};
  t.constraints.push_back(c);
  return t.constraints.back();
}

Index& AddIndex(Catalog& catalog, const std::string& table, const std::string& name, std::vector<IndexKey> keys) {
  Index i;
  i.name = {"public", name};
  i.table = {"public", table};
  i.keys = std::move(keys);
  i.location = {"V2.sql", 4, 1};
  return catalog.indexes[i.name] = std::move(i);
}

IndexKey Key(std::string column) { return IndexKey{.column = std::move(column)}; }

Findings Of(const Findings& all, const std::string& rule) {
  Findings out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out), [&](const Finding& f) { return f.rule_id == rule; });
  return out;
}

// customers(id bigint pk) and orders(id, customer_id → customers) — the base most tests extend.
Catalog ShopCatalog() {
  Catalog c;
  Table& customers = AddTable(c, "customers", {Col("id", "bigint", true), Col("email", "text", true)});
  AddPrimaryKey(customers, {"id"});
  Table& orders = AddTable(c, "orders", {Col("id", "bigint", true), Col("customer_id", "bigint", true),
                                         Col("created_at", "timestamp with time zone", true)});
  AddPrimaryKey(orders, {"id"});
  AddForeignKey(orders, {"customer_id"}, "customers");
  return c;
}

TEST(AnalyzersSchemaChecksTest, MissingPrimaryKey) {
  Catalog c = ShopCatalog();
  EXPECT_TRUE(Of(CheckSchema(c), "schema/missing-primary-key").empty());

  AddTable(c, "events", {Col("id", "bigint", true), Col("payload", "jsonb")});
  auto found = Of(CheckSchema(c), "schema/missing-primary-key");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].object, "public.events");
  EXPECT_EQ(found[0].location.file, "V1.sql");
  EXPECT_EQ(found[0].severity, Severity::kWarning);
  EXPECT_TRUE(found[0].fix_sql.empty());  // nothing to promote

  // A partition is not reported on its own: its parent is.
  c.tables[{"public", "events"}].kind = model::TableKind::kPartitioned;
  Table& part = AddTable(c, "events_2025", {Col("id", "bigint", true)});
  part.partition_of = QualifiedName{"public", "events"};
  found = Of(CheckSchema(c), "schema/missing-primary-key");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].object, "public.events");
}

TEST(AnalyzersSchemaChecksTest, MissingPrimaryKeyPromotesUniqueIndex) {
  Catalog c = ShopCatalog();
  AddTable(c, "tags", {Col("slug", "text", true)});
  Index& unique = AddIndex(c, "tags", "tags_slug_idx", {Key("slug")});
  unique.unique = true;
  auto found = Of(CheckSchema(c), "schema/missing-primary-key");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].fix_sql, "ALTER TABLE public.tags ADD CONSTRAINT tags_pkey PRIMARY KEY USING INDEX tags_slug_idx;");
}

TEST(AnalyzersSchemaChecksTest, UnindexedForeignKey) {
  Catalog c = ShopCatalog();
  auto found = Of(CheckSchema(c), "schema/unindexed-foreign-key");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].object, "public.orders.customer_id");
  EXPECT_EQ(found[0].location.line, 9);
  EXPECT_EQ(found[0].fix_sql,
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON public.orders (customer_id);");
  EXPECT_NE(found[0].explanation.find("SHARE UPDATE EXCLUSIVE"), std::string::npos);

  // The FK column as the second key does not count...
  AddIndex(c, "orders", "orders_created_at_customer_id_idx", {Key("created_at"), Key("customer_id")});
  found = Of(CheckSchema(c), "schema/unindexed-foreign-key");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].evidence.size(), 2u);  // the FK and the index where the column is not leading
  // ...nor does a partial index...
  Index& partial = AddIndex(c, "orders", "orders_customer_id_open_idx", {Key("customer_id")});
  partial.predicate = "status = 'open'";
  EXPECT_EQ(Of(CheckSchema(c), "schema/unindexed-foreign-key").size(), 1u);
  // ...but a leading column does, even with more keys after it.
  AddIndex(c, "orders", "orders_customer_id_created_at_idx", {Key("customer_id"), Key("created_at")});
  EXPECT_TRUE(Of(CheckSchema(c), "schema/unindexed-foreign-key").empty());
}

TEST(AnalyzersSchemaChecksTest, CompositeForeignKeyIndexedInAnyOrderByConstraint) {
  Catalog c = ShopCatalog();
  Table& products = AddTable(c, "product_categories",
                             {Col("product_id", "bigint", true), Col("category_id", "bigint", true)});
  AddForeignKey(products, {"category_id", "product_id"}, "x");
  // The primary key's implicit index leads with (product_id, category_id): same set, other order.
  AddPrimaryKey(products, {"product_id", "category_id"});
  auto on_junction = [&] {
    auto found = Of(CheckSchema(c), "schema/unindexed-foreign-key");
    std::erase_if(found, [](const Finding& f) { return f.object.find("product_categories") == std::string::npos; });
    return found;
  };
  EXPECT_TRUE(on_junction().empty());
  // A FK on the second PK column alone is not covered.
  AddForeignKey(products, {"category_id"}, "categories");
  auto found = on_junction();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].object, "public.product_categories.category_id");
}

TEST(AnalyzersSchemaChecksTest, UnindexedForeignKeyOnPartitionedTable) {
  Catalog c = ShopCatalog();
  Table& events = AddTable(c, "events", {Col("id", "bigint", true), Col("customer_id", "bigint", true)});
  events.kind = model::TableKind::kPartitioned;
  AddForeignKey(events, {"customer_id"}, "customers");
  Table& part = AddTable(c, "events_2025", {Col("id", "bigint", true), Col("customer_id", "bigint", true)});
  part.partition_of = QualifiedName{"public", "events"};
  AddForeignKey(part, {"customer_id"}, "customers");  // as PostgreSQL clones it

  auto found = Of(CheckSchema(c), "schema/unindexed-foreign-key");
  std::erase_if(found, [](const Finding& f) { return f.object.rfind("public.events", 0) != 0; });
  ASSERT_EQ(found.size(), 1u);  // the parent only
  EXPECT_EQ(found[0].object, "public.events.customer_id");
  EXPECT_NE(found[0].fix_sql.find("ON ONLY public.events"), std::string::npos) << found[0].fix_sql;
  EXPECT_NE(found[0].fix_sql.find("ATTACH PARTITION public.events_2025_customer_id_idx"), std::string::npos);

  // An index on the parent covers the parent and its partitions.
  AddIndex(c, "events", "events_customer_id_idx", {Key("customer_id")});
  found = Of(CheckSchema(c), "schema/unindexed-foreign-key");
  std::erase_if(found, [](const Finding& f) { return f.object.rfind("public.events", 0) != 0; });
  EXPECT_TRUE(found.empty());
}

TEST(AnalyzersSchemaChecksTest, DuplicateIndexDropsTheOneNotBackingTheConstraint) {
  Catalog c = ShopCatalog();
  Table& coupons = AddTable(c, "coupons", {Col("id", "bigint", true), Col("code", "text", true)});
  AddPrimaryKey(coupons, {"id"});
  AddUnique(coupons, "coupons_code_key", {"code"});
  EXPECT_TRUE(Of(CheckSchema(c), "schema/duplicate-index").empty());

  AddIndex(c, "coupons", "coupons_code_idx", {Key("code")});
  auto found = Of(CheckSchema(c), "schema/duplicate-index");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].object, "public.coupons_code_idx");
  EXPECT_EQ(found[0].fix_sql, "DROP INDEX CONCURRENTLY IF EXISTS public.coupons_code_idx;");
  ASSERT_EQ(found[0].evidence.size(), 2u);
  EXPECT_NE(found[0].evidence[1].find("coupons_code_key"), std::string::npos);
}

TEST(AnalyzersSchemaChecksTest, DuplicateIndexComparesOpclassDirectionAndPredicate) {
  Catalog c = ShopCatalog();
  AddIndex(c, "customers", "a_idx", {Key("email")});
  Index& b = AddIndex(c, "customers", "b_idx", {Key("email")});
  b.keys[0].opclass = "text_pattern_ops";
  Index& d = AddIndex(c, "customers", "d_idx", {Key("email")});
  d.keys[0].descending = true;
  Index& e = AddIndex(c, "customers", "e_idx", {Key("email")});
  e.predicate = "id > 0";
  EXPECT_TRUE(Of(CheckSchema(c), "schema/duplicate-index").empty());
  AddIndex(c, "customers", "f_idx", {Key("email")});
  auto found = Of(CheckSchema(c), "schema/duplicate-index");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].object, "public.f_idx");  // same file and line: the later name goes
}

TEST(AnalyzersSchemaChecksTest, DuplicateConstraintsGetNoFix) {
  Catalog c = ShopCatalog();
  Table& customers = c.tables[{"public", "customers"}];
  AddUnique(customers, "customers_email_key", {"email"});
  AddUnique(customers, "customers_email_key1", {"email"});
  auto found = Of(CheckSchema(c), "schema/duplicate-index");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].fix_sql.empty());
  EXPECT_NE(found[0].explanation.find("DROP CONSTRAINT"), std::string::npos);
}

TEST(AnalyzersSchemaChecksTest, RedundantIndex) {
  Catalog c = ShopCatalog();
  AddIndex(c, "orders", "orders_customer_id_idx", {Key("customer_id")});
  EXPECT_TRUE(Of(CheckSchema(c), "schema/redundant-index").empty());
  AddIndex(c, "orders", "orders_customer_id_created_at_idx", {Key("customer_id"), Key("created_at")});
  auto found = Of(CheckSchema(c), "schema/redundant-index");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].object, "public.orders_customer_id_idx");
  EXPECT_EQ(found[0].fix_sql, "DROP INDEX CONCURRENTLY IF EXISTS public.orders_customer_id_idx;");
  EXPECT_NE(found[0].evidence[1].find("orders_customer_id_created_at_idx"), std::string::npos);
}

TEST(AnalyzersSchemaChecksTest, RedundantIndexSkipsUniqueOtherPredicatesAndNonBtree) {
  Catalog c = ShopCatalog();
  AddIndex(c, "orders", "long_idx", {Key("customer_id"), Key("created_at")});
  Index& unique = AddIndex(c, "orders", "unique_idx", {Key("customer_id")});
  unique.unique = true;
  Index& partial = AddIndex(c, "orders", "partial_idx", {Key("customer_id")});
  partial.predicate = "created_at > '2020-01-01'";
  Index& desc = AddIndex(c, "orders", "desc_idx", {Key("customer_id")});
  desc.keys[0].descending = true;
  EXPECT_TRUE(Of(CheckSchema(c), "schema/redundant-index").empty());
  Index& gin_long = AddIndex(c, "customers", "gin_long", {Key("email"), Key("id")});
  gin_long.method = "gin";
  Index& gin_short = AddIndex(c, "customers", "gin_short", {Key("email")});
  gin_short.method = "gin";
  EXPECT_TRUE(Of(CheckSchema(c), "schema/redundant-index").empty());
}

TEST(AnalyzersSchemaChecksTest, TimestampWithoutTimeZone) {
  Catalog c = ShopCatalog();
  EXPECT_TRUE(Of(CheckSchema(c), "schema/timestamp-without-time-zone").empty());
  c.tables[{"public", "customers"}].columns.push_back(Col("created_at", "timestamp without time zone"));
  auto found = Of(CheckSchema(c), "schema/timestamp-without-time-zone");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].object, "public.customers.created_at");
  EXPECT_EQ(found[0].fix_sql,
            "ALTER TABLE public.customers ALTER COLUMN created_at TYPE timestamptz USING created_at AT TIME ZONE 'UTC';");
  EXPECT_NE(found[0].explanation.find("ACCESS EXCLUSIVE"), std::string::npos);
  EXPECT_NE(found[0].explanation.find("REWRITES"), std::string::npos);
}

Catalog SerialCatalog(bool serial) {
  Catalog c = ShopCatalog();
  Table& users = AddTable(c, "users", {Col("id", "integer", true), Col("name", "text")});
  if (serial) {
    users.columns[0].from_serial = true;
    users.columns[0].default_expr = "nextval('users_id_seq'::regclass)";
  } else {
    users.columns[0].identity = model::IdentityKind::kAlways;
  }
  AddPrimaryKey(users, {"id"});
  Table& notes = AddTable(c, "notes", {Col("id", "bigint", true), Col("user_id", "integer", true)});
  AddPrimaryKey(notes, {"id"});
  AddForeignKey(notes, {"user_id"}, "users");
  return c;
}

TEST(AnalyzersSchemaChecksTest, PreferIdentity) {
  EXPECT_TRUE(Of(CheckSchema(SerialCatalog(false)), "schema/prefer-identity").empty());
  auto found = Of(CheckSchema(SerialCatalog(true)), "schema/prefer-identity");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].object, "public.users.id");
  EXPECT_EQ(found[0].fix_sql,
            "ALTER TABLE public.users ALTER COLUMN id DROP DEFAULT;\n"
            "DROP SEQUENCE IF EXISTS public.users_id_seq;\n"
            "ALTER TABLE public.users ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;\n"
            "SELECT setval(pg_get_serial_sequence('public.users', 'id'), coalesce(max(id), 0) + 1, false) FROM "
            "public.users;");
  EXPECT_NE(found[0].explanation.find("setval"), std::string::npos);
}

TEST(AnalyzersSchemaChecksTest, IntegerPrimaryKey) {
  Catalog natural = ShopCatalog();
  Table& codes = AddTable(natural, "codes", {Col("id", "integer", true)});
  AddPrimaryKey(codes, {"id"});  // hand-assigned: no default, no identity
  EXPECT_TRUE(Of(CheckSchema(natural), "schema/integer-primary-key").empty());
  EXPECT_TRUE(Of(CheckSchema(ShopCatalog()), "schema/integer-primary-key").empty());  // bigint keys

  auto found = Of(CheckSchema(SerialCatalog(true)), "schema/integer-primary-key");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].object, "public.users.id");
  EXPECT_EQ(found[0].fix_sql,
            "ALTER TABLE public.users ALTER COLUMN id TYPE bigint;\n"
            "ALTER TABLE public.notes ALTER COLUMN user_id TYPE bigint;\n"
            "ALTER SEQUENCE IF EXISTS public.users_id_seq AS bigint;");
  EXPECT_NE(found[0].explanation.find("2147483647"), std::string::npos);

  found = Of(CheckSchema(SerialCatalog(false)), "schema/integer-primary-key");  // identity int4: default seq name
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].fix_sql.find("ALTER SEQUENCE IF EXISTS public.users_id_seq AS bigint;"), std::string::npos);
}

TEST(AnalyzersSchemaChecksTest, NullableForeignKey) {
  EXPECT_TRUE(Of(CheckSchema(ShopCatalog()), "schema/nullable-foreign-key").empty());
  Catalog c = ShopCatalog();
  c.tables[{"public", "orders"}].columns[1].not_null = false;
  auto found = Of(CheckSchema(c), "schema/nullable-foreign-key");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::kInfo);
  EXPECT_EQ(found[0].fix_sql,
            "ALTER TABLE public.orders ADD CONSTRAINT orders_customer_id_not_null CHECK (customer_id IS NOT NULL) "
            "NOT VALID;\n"
            "ALTER TABLE public.orders VALIDATE CONSTRAINT orders_customer_id_not_null;\n"
            "ALTER TABLE public.orders ALTER COLUMN customer_id SET NOT NULL;\n"
            "ALTER TABLE public.orders DROP CONSTRAINT orders_customer_id_not_null;");

  // ON DELETE SET NULL needs the NULL: not reported.
  c.tables[{"public", "orders"}].constraints[1].on_delete = model::ReferentialAction::kSetNull;
  EXPECT_TRUE(Of(CheckSchema(c), "schema/nullable-foreign-key").empty());
}

// Every finding is complete, and every fix is SQL that PostgreSQL's parser accepts.
TEST(AnalyzersSchemaChecksTest, FindingsAreCompleteAndFixesParse) {
  Catalog c = SerialCatalog(true);
  c.tables[{"public", "notes"}].columns[1].not_null = false;
  c.tables[{"public", "notes"}].columns.push_back(Col("at", "timestamp without time zone"));
  AddTable(c, "log", {Col("line", "text")});
  AddIndex(c, "notes", "n1", {Key("at")});
  AddIndex(c, "notes", "n2", {Key("at"), Key("id")});
  auto findings = CheckSchema(c);
  std::set<std::string> rules;
  for (const auto& f : findings) {
    rules.insert(f.rule_id);
    EXPECT_FALSE(f.message.empty()) << f.rule_id;
    EXPECT_FALSE(f.explanation.empty()) << f.rule_id;
    EXPECT_FALSE(f.object.empty()) << f.rule_id;
    EXPECT_TRUE(f.location.known()) << f.rule_id;
    if (f.fix_sql.empty()) continue;
    auto parsed = sql::ParseString("fix.sql", f.fix_sql);
    EXPECT_TRUE(parsed.ok()) << f.rule_id << ": " << parsed.status().ToString();
  }
  EXPECT_EQ(rules.size(), 7u);  // all but duplicate-index
}

}  // namespace
}  // namespace dbarch::analyzers
