#include <gtest/gtest.h>

#include "analyzers/migration_plan.h"
#include "analyzers/schema_checks.h"
#include "analyzers/sql_text.h"

namespace dbarch::analyzers {
namespace {

model::Column Col(std::string name, std::string type, bool not_null) {
  model::Column c;
  c.name = std::move(name);
  c.type.name = std::move(type);
  c.not_null = not_null;
  return c;
}

// orders(id int4 serial, customer_id nullable & unindexed, created_at timestamp) with a redundant index.
model::Catalog Catalog() {
  model::Catalog c;
  model::Table customers;
  customers.name = {"public", "customers"};
  customers.columns = {Col("id", "bigint", true)};
  model::Constraint pk;
  pk.kind = model::ConstraintKind::kPrimaryKey;
  pk.name = "customers_pkey";
  pk.columns = {"id"};
  customers.constraints.push_back(pk);
  c.tables[customers.name] = customers;

  model::Table orders;
  orders.name = {"public", "orders"};
  orders.columns = {Col("id", "bigint", true), Col("customer_id", "bigint", false),
                    Col("created_at", "timestamp without time zone", true), Col("status", "text", true)};
  pk.name = "orders_pkey";
  orders.constraints.push_back(pk);
  model::Constraint fk;
  fk.kind = model::ConstraintKind::kForeignKey;
  fk.name = "orders_customer_id_fkey";
  fk.columns = {"customer_id"};
  fk.referenced_table = customers.name;
  fk.referenced_columns = {"id"};
  orders.constraints.push_back(fk);
  c.tables[orders.name] = orders;

  model::Index shorter;
  shorter.name = {"public", "orders_status_idx"};
  shorter.table = orders.name;
  shorter.keys = {{.column = "status"}};
  shorter.predicate = "status <> 'done'";
  c.indexes[shorter.name] = shorter;
  model::Index longer = shorter;
  longer.name = {"public", "orders_status_created_at_idx"};
  longer.keys.push_back({.column = "created_at"});
  c.indexes[longer.name] = longer;
  return c;
}

const MigrationStep* StepResolving(const MigrationPlan& plan, const std::string& rule) {
  for (const auto& s : plan.steps) {
    for (const auto& r : s.resolves) {
      if (r.rfind(rule, 0) == 0) return &s;
    }
  }
  return nullptr;
}

TEST(AnalyzersMigrationPlanTest, IndexIsBuiltConcurrentlyFirstAndDroppedOnRollback) {
  auto catalog = Catalog();
  auto plan = PlanFixes(CheckSchema(catalog), catalog);
  ASSERT_FALSE(plan.steps.empty());
  const MigrationStep& first = plan.steps[0];
  EXPECT_EQ(first.number, 1);
  EXPECT_EQ(first.up_sql,
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON public.orders (customer_id);");
  EXPECT_EQ(first.down_sql, "DROP INDEX CONCURRENTLY IF EXISTS public.orders_customer_id_idx;");
  EXPECT_EQ(first.lock_level, "SHARE UPDATE EXCLUSIVE");
  EXPECT_TRUE(first.outside_transaction);
  EXPECT_FALSE(first.rewrites_table);
  EXPECT_EQ(first.resolves, std::vector<std::string>{"schema/unindexed-foreign-key public.orders.customer_id"});
}

TEST(AnalyzersMigrationPlanTest, DroppedIndexIsRecreatedFromTheCatalog) {
  auto catalog = Catalog();
  auto plan = PlanFixes(CheckSchema(catalog), catalog);
  const auto* drop = StepResolving(plan, "schema/redundant-index");
  ASSERT_NE(drop, nullptr);
  EXPECT_EQ(drop->number, 2);  // after the build
  EXPECT_EQ(drop->up_sql, "DROP INDEX CONCURRENTLY IF EXISTS public.orders_status_idx;");
  EXPECT_EQ(drop->down_sql,
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON public.orders (status) WHERE status <> "
            "'done';");
  EXPECT_TRUE(drop->outside_transaction);
}

TEST(AnalyzersMigrationPlanTest, NotNullGoesThroughValidatedCheckAndTypeChangeComesLast) {
  auto catalog = Catalog();
  auto plan = PlanFixes(CheckSchema(catalog), catalog);
  std::vector<std::string> order;
  for (const auto& s : plan.steps) order.push_back(s.title);
  ASSERT_EQ(plan.steps.size(), 6u) << ::testing::PrintToString(order);

  EXPECT_NE(plan.steps[2].up_sql.find("NOT VALID"), std::string::npos);
  EXPECT_EQ(plan.steps[2].lock_level, "ACCESS EXCLUSIVE");
  EXPECT_EQ(plan.steps[2].down_sql,
            "ALTER TABLE public.orders DROP CONSTRAINT IF EXISTS orders_customer_id_not_null;");
  EXPECT_NE(plan.steps[3].up_sql.find("VALIDATE CONSTRAINT"), std::string::npos);
  EXPECT_EQ(plan.steps[3].lock_level, "SHARE UPDATE EXCLUSIVE");

  // SET NOT NULL after the validated check: catalog-only, the helper check dropped in the same step.
  const MigrationStep& not_null = plan.steps[4];
  EXPECT_NE(not_null.up_sql.find("SET NOT NULL"), std::string::npos);
  EXPECT_NE(not_null.notes.find("skip the scan"), std::string::npos) << not_null.notes;
  EXPECT_FALSE(not_null.rewrites_table);
  EXPECT_FALSE(not_null.outside_transaction);
  EXPECT_EQ(not_null.down_sql,
            "ALTER TABLE public.orders ADD CONSTRAINT orders_customer_id_not_null CHECK (customer_id IS NOT NULL) NOT "
            "VALID;\nALTER TABLE public.orders ALTER COLUMN customer_id DROP NOT NULL;");

  const MigrationStep& type = plan.steps[5];
  EXPECT_NE(type.up_sql.find("TYPE timestamptz"), std::string::npos);
  EXPECT_TRUE(type.rewrites_table);
  EXPECT_EQ(type.lock_level, "ACCESS EXCLUSIVE");
  EXPECT_EQ(type.down_sql,
            "ALTER TABLE public.orders ALTER COLUMN created_at TYPE timestamp without time zone USING created_at AT "
            "TIME ZONE 'UTC';");
}

TEST(AnalyzersMigrationPlanTest, SetNotNullWithoutProofIsBlocking) {
  auto catalog = Catalog();
  Finding f;
  f.rule_id = "test/not-null";
  f.object = "public.orders.status";
  f.fix_sql = "ALTER TABLE orders ALTER COLUMN status SET NOT NULL;";
  auto plan = PlanFixes({f}, catalog);
  ASSERT_EQ(plan.steps.size(), 1u);
  EXPECT_NE(plan.steps[0].notes.find("scans the whole table"), std::string::npos);

  // A validated CHECK already in the schema is proof enough.
  model::Constraint check;
  check.kind = model::ConstraintKind::kCheck;
  check.name = "status_nn";
  check.check_expr = "status IS NOT NULL";
  catalog.tables[{"public", "orders"}].constraints.push_back(check);
  plan = PlanFixes({f}, catalog);
  EXPECT_NE(plan.steps[0].notes.find("skip the scan"), std::string::npos);
}

TEST(AnalyzersMigrationPlanTest, ForeignKeyNotValidLocksBothTablesAndBinaryCoercibleTypeDoesNotRewrite) {
  auto catalog = Catalog();
  catalog.tables[{"public", "orders"}].columns.push_back(Col("code", "character varying", true));
  catalog.tables[{"public", "orders"}].columns.back().type.modifiers = {"20"};
  Finding fk;
  fk.rule_id = "test/fk";
  fk.object = "public.orders";
  fk.fix_sql =
      "ALTER TABLE orders ADD CONSTRAINT orders_c_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\n"
      "ALTER TABLE orders VALIDATE CONSTRAINT orders_c_fkey;";
  Finding widen;
  widen.rule_id = "test/widen";
  widen.object = "public.orders.code";
  widen.fix_sql = "ALTER TABLE orders ALTER COLUMN code TYPE varchar(40);";
  auto plan = PlanFixes({widen, fk}, catalog);
  ASSERT_EQ(plan.steps.size(), 3u);
  EXPECT_EQ(plan.steps[0].lock_level, "SHARE ROW EXCLUSIVE");
  EXPECT_NE(plan.steps[0].notes.find("public.customers"), std::string::npos);
  EXPECT_EQ(plan.steps[1].lock_level, "SHARE UPDATE EXCLUSIVE");
  EXPECT_EQ(plan.steps[2].up_sql, "ALTER TABLE orders ALTER COLUMN code TYPE varchar(40);");
  EXPECT_FALSE(plan.steps[2].rewrites_table);
  EXPECT_EQ(plan.steps[2].down_sql, "ALTER TABLE public.orders ALTER COLUMN code TYPE character varying(20);");
}

TEST(AnalyzersMigrationPlanTest, PlanNotesAndUnparsableFix) {
  auto catalog = Catalog();
  Finding bad;
  bad.rule_id = "test/bad";
  bad.object = "x";
  bad.fix_sql = "ALTER TABLE;";
  auto findings = CheckSchema(catalog);
  findings.push_back(bad);
  auto plan = PlanFixes(findings, catalog);
  std::string notes;
  for (const auto& n : plan.notes) notes += n + "\n";
  EXPECT_NE(notes.find("lock_timeout = '5s'"), std::string::npos);
  EXPECT_NE(notes.find("executeInTransaction=false"), std::string::npos);
  EXPECT_NE(notes.find("Could not plan the fix for test/bad x"), std::string::npos);
  EXPECT_NE(notes.find("Deploy in phases"), std::string::npos);
  EXPECT_TRUE(PlanFixes({}, catalog).steps.empty());
}

TEST(AnalyzersSqlTextTest, IndexDefinitionRoundTrips) {
  model::Index i;
  i.name = {"app", "Users_email_idx"};
  i.table = {"app", "users"};
  i.unique = true;
  model::IndexKey lower{.expression = "lower(email)"};
  model::IndexKey created{.column = "created_at"};
  created.descending = true;
  created.nulls_first = false;
  i.keys = {lower, created, {.column = "name", .opclass = "text_pattern_ops"}};
  i.include_columns = {"id"};
  i.predicate = "deleted_at IS NULL";
  EXPECT_EQ(IndexDefinitionSql(i, {.concurrently = true, .if_not_exists = true}),
            "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"Users_email_idx\" ON app.users (lower(email), "
            "created_at DESC NULLS LAST, name text_pattern_ops) INCLUDE (id) WHERE deleted_at IS NULL;");
  i.keys = {{.expression = "a + b"}};
  i.method = "gist";
  i.unique = false;
  i.include_columns.clear();
  i.predicate.clear();
  EXPECT_EQ(IndexDefinitionSql(i), "CREATE INDEX \"Users_email_idx\" ON app.users USING gist ((a + b));");
  EXPECT_EQ(DefaultIndexName(std::string(70, 't'), {"c"}).size(), 63u);
}

}  // namespace
}  // namespace dbarch::analyzers
