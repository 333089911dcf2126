// The schema diff and its planner on small DDL pairs: what is detected (changes, rename candidates), what
// is refused without --allow-data-loss, and the order and form of the zero-downtime steps.
#include "../support/replay_ddl.h"
#include "analyzers/diff/diff_planner.h"

#include <gtest/gtest.h>

#include <cmath>

#include "analyzers/diff/step_duration.h"
#include "sources/ddl_loader.h"
#include "sql/parser.h"

namespace dbarch::analyzers::diff {
namespace {

model::Catalog Replay(const std::string& ddl) { return test_support::ReplayDdl(ddl); }

const char* kOrders = "CREATE TABLE orders (id bigint PRIMARY KEY, note text, total integer NOT NULL);\n";

DiffPlan Plan(const std::string& from, const std::string& to, PlanOptions options = {}, DiffOptions diff_options = {}) {
  model::Catalog a = Replay(from);
  model::Catalog b = Replay(to);
  auto diff = DiffCatalogs(a, b, diff_options);
  EXPECT_TRUE(diff.ok());
  auto plan = PlanDiff(*diff, b, options);
  EXPECT_TRUE(plan.ok());
  return *plan;
}

TEST(SchemaDiffTest, IdenticalSchemasHaveNoChanges) {
  auto diff = DiffCatalogs(Replay(kOrders), Replay(kOrders));
  ASSERT_TRUE(diff.ok());
  EXPECT_TRUE(diff->empty());
}

TEST(SchemaDiffTest, ColumnChangesAreGroupedByColumnWithTheirFields) {
  auto diff = DiffCatalogs(Replay(kOrders),
                           Replay("CREATE TABLE orders (id bigint PRIMARY KEY, note text NOT NULL DEFAULT '', total bigint NOT NULL);"));
  ASSERT_TRUE(diff.ok());
  ASSERT_EQ(diff->changes.size(), 2u);
  EXPECT_EQ(diff->changes[0].ref.member, "note");
  EXPECT_NE(diff->changes[0].Field("not_null"), nullptr);
  EXPECT_NE(diff->changes[0].Field("default"), nullptr);
  EXPECT_EQ(diff->changes[1].ref.member, "total");
  EXPECT_EQ(diff->changes[1].Field("type")->to, "bigint");
}

TEST(SchemaDiffTest, SameShapedDropAndAddIsARenameCandidateNeverAppliedSilently) {
  const std::string to = "CREATE TABLE orders (id bigint PRIMARY KEY, remark text, total integer NOT NULL);";
  DiffPlan plan = Plan(kOrders, to);
  auto diff = DiffCatalogs(Replay(kOrders), Replay(to));
  ASSERT_EQ(diff->rename_candidates.size(), 1u);
  EXPECT_FALSE(diff->rename_candidates[0].applied);
  EXPECT_EQ(diff->rename_candidates[0].rename.ToString(), "public.orders.note → remark");
  ASSERT_EQ(plan.refused.size(), 1u);  // the drop of `note` loses data
  EXPECT_NE(plan.refused[0].find("Drop column public.orders.note"), std::string::npos);

  auto rename = ParseRename("orders.note=remark", Replay(kOrders));
  ASSERT_TRUE(rename.ok());
  DiffPlan renamed = Plan(kOrders, to, {}, {.renames = {*rename}});
  EXPECT_TRUE(renamed.refused.empty());
  ASSERT_EQ(renamed.plan.steps.size(), 1u);
  EXPECT_NE(renamed.plan.steps[0].up_sql.find("RENAME COLUMN note TO remark"), std::string::npos);
}

TEST(SchemaDiffTest, SetNotNullGoesThroughAValidatedCheck) {
  DiffPlan plan = Plan(kOrders, "CREATE TABLE orders (id bigint PRIMARY KEY, note text NOT NULL, total integer NOT NULL);");
  ASSERT_EQ(plan.plan.steps.size(), 3u);
  EXPECT_NE(plan.plan.steps[0].up_sql.find("CHECK (note IS NOT NULL) NOT VALID"), std::string::npos);
  EXPECT_NE(plan.plan.steps[1].up_sql.find("VALIDATE CONSTRAINT"), std::string::npos);
  EXPECT_EQ(plan.plan.steps[1].lock_level, "SHARE UPDATE EXCLUSIVE");
  EXPECT_NE(plan.plan.steps[2].up_sql.find("SET NOT NULL"), std::string::npos);
  EXPECT_FALSE(plan.plan.steps[2].rewrites_table);
  // The scan was done by VALIDATE: the shared statement planner knows SET NOT NULL is then catalog-only.
  EXPECT_NE(plan.plan.steps[2].notes.find("skip the scan"), std::string::npos);
}

TEST(SchemaDiffTest, RewritingTypeChangeIsFlaggedWithTheExpandContractAlternative) {
  DiffPlan plan = Plan(kOrders, "CREATE TABLE orders (id bigint PRIMARY KEY, note text, total bigint NOT NULL);");
  ASSERT_EQ(plan.plan.steps.size(), 1u);
  EXPECT_TRUE(plan.plan.steps[0].rewrites_table);
  EXPECT_EQ(plan.plan.steps[0].lock_level, "ACCESS EXCLUSIVE");
  EXPECT_NE(plan.plan.steps[0].notes.find("expand/contract"), std::string::npos);
  EXPECT_NE(plan.plan.steps[0].down_sql.find("TYPE integer"), std::string::npos);

  DiffPlan widened = Plan("CREATE TABLE t (v varchar(10));", "CREATE TABLE t (v varchar(20));");
  ASSERT_EQ(widened.plan.steps.size(), 1u);
  EXPECT_FALSE(widened.plan.steps[0].rewrites_table);
}

TEST(SchemaDiffTest, UniqueConstraintIsBuiltConcurrentlyThenAttached) {
  DiffPlan plan = Plan(kOrders, std::string(kOrders) + "ALTER TABLE orders ADD CONSTRAINT orders_note_key UNIQUE (note);");
  ASSERT_EQ(plan.plan.steps.size(), 2u);
  EXPECT_TRUE(plan.plan.steps[0].outside_transaction);
  EXPECT_NE(plan.plan.steps[0].up_sql.find("CREATE UNIQUE INDEX CONCURRENTLY"), std::string::npos);
  EXPECT_NE(plan.plan.steps[1].up_sql.find("USING INDEX"), std::string::npos);
}

TEST(SchemaDiffTest, EnumValuesComeBeforeTheIndexThatUsesThem) {
  DiffPlan plan = Plan("CREATE TYPE s AS ENUM ('a', 'c'); CREATE TABLE t (id int, v s);",
                       "CREATE TYPE s AS ENUM ('a', 'b', 'c'); CREATE TABLE t (id int, v s);"
                       "CREATE INDEX t_b ON t (id) WHERE v = 'b';");
  ASSERT_EQ(plan.plan.steps.size(), 2u);
  EXPECT_NE(plan.plan.steps[0].up_sql.find("ADD VALUE IF NOT EXISTS 'b' AFTER 'a'"), std::string::npos);
  EXPECT_NE(plan.plan.steps[1].up_sql.find("CREATE INDEX CONCURRENTLY"), std::string::npos);
  ASSERT_EQ(plan.not_restorable.size(), 1u);  // an enum value cannot be dropped
}

TEST(SchemaDiffTest, RemovedEnumValueReplacesTheTypeUnlessAViewBlocksIt) {
  const std::string from = "CREATE TYPE s AS ENUM ('a', 'legacy', 'c'); CREATE TABLE t (id int, v s DEFAULT 'a');";
  DiffPlan plan = Plan(from, "CREATE TYPE s AS ENUM ('a', 'c'); CREATE TABLE t (id int, v s DEFAULT 'a');");
  ASSERT_EQ(plan.plan.steps.size(), 1u);
  const auto& step = plan.plan.steps[0];
  EXPECT_FALSE(step.loses_data);  // rows holding 'legacy' make the conversion fail; nothing is dropped
  EXPECT_TRUE(step.rewrites_table);
  EXPECT_NE(step.up_sql.find("ALTER TYPE public.s RENAME TO s__dbarch_old;"), std::string::npos);
  EXPECT_NE(step.up_sql.find("CREATE TYPE public.s AS ENUM ('a', 'c');"), std::string::npos);
  EXPECT_NE(step.up_sql.find("ALTER COLUMN v TYPE public.s USING v::text::public.s;"), std::string::npos);
  EXPECT_NE(step.up_sql.find("SET DEFAULT"), std::string::npos);
  EXPECT_NE(step.down_sql.find("CREATE TYPE public.s AS ENUM ('a', 'legacy', 'c');"), std::string::npos);
  EXPECT_NE(step.notes.find("rows holding a removed value (legacy)"), std::string::npos) << step.notes;
  EXPECT_TRUE(plan.not_planned.empty());

  DiffPlan blocked = Plan(from + "CREATE VIEW tv AS SELECT id, v FROM t;",
                          "CREATE TYPE s AS ENUM ('a', 'c'); CREATE TABLE t (id int, v s DEFAULT 'a');"
                          "CREATE VIEW tv AS SELECT id, v FROM t;");
  ASSERT_EQ(blocked.not_planned.size(), 1u);
  EXPECT_NE(blocked.not_planned[0].find("view public.tv"), std::string::npos);
}

// A new partition key is planned as a rebuild (create, copy, swap, drop) unless something outside the table would
// have to move with it: then the table and its partitions are left alone and the reason is listed.
TEST(SchemaDiffTest, PartitionKeyChangeIsARebuildUnlessAViewOrForeignKeyBlocksIt) {
  const std::string by_date =
      "CREATE TABLE events (id bigint NOT NULL, region text NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);\n"
      "CREATE TABLE events_all PARTITION OF events DEFAULT;\n";
  const std::string by_region =
      "CREATE TABLE events (id bigint NOT NULL, region text NOT NULL, at date NOT NULL) PARTITION BY LIST (region);\n"
      "CREATE TABLE events_eu PARTITION OF events FOR VALUES IN ('eu');\n"
      "CREATE TABLE events_all PARTITION OF events DEFAULT;\n";
  DiffPlan plan = Plan(by_date, by_region);
  EXPECT_TRUE(plan.not_planned.empty());
  ASSERT_EQ(plan.plan.steps.size(), 4u) << PlanUpSql(plan);
  EXPECT_EQ(plan.plan.steps[1].title, "Copy the rows of public.events into public.events_dbnew");
  EXPECT_TRUE(plan.plan.steps[1].rewrites_table);
  EXPECT_EQ(plan.plan.steps[2].lock_level, "ACCESS EXCLUSIVE");
  EXPECT_FALSE(plan.plan.steps[3].loses_data);  // the rows were copied first
  EXPECT_NE(plan.plan.steps[3].down_sql.find("INSERT INTO public.events_dbold"), std::string::npos);

  const std::string view = "CREATE VIEW recent AS SELECT id FROM events;\n";
  DiffPlan blocked = Plan(by_date + view, by_region + view);
  EXPECT_TRUE(blocked.plan.steps.empty()) << PlanUpSql(blocked);
  ASSERT_EQ(blocked.not_planned.size(), 1u);
  EXPECT_NE(blocked.not_planned[0].find("view public.recent reads it"), std::string::npos) << blocked.not_planned[0];

  DiffPlan referenced = Plan(by_date + "ALTER TABLE events ADD PRIMARY KEY (id, at);\n"
                                       "CREATE TABLE notes (event_id bigint, at date, "
                                       "FOREIGN KEY (event_id, at) REFERENCES events (id, at));\n",
                             by_region + "CREATE TABLE notes (event_id bigint, at date);\n");
  ASSERT_FALSE(referenced.not_planned.empty());
  EXPECT_NE(referenced.not_planned[0].find("references it"), std::string::npos) << referenced.not_planned[0];
}

TEST(SchemaDiffTest, DroppedTableIsRefusedUnlessDataLossIsAllowed) {
  const std::string from = std::string(kOrders) + "CREATE TABLE old_log (id int);";
  EXPECT_EQ(Plan(from, kOrders).refused.size(), 1u);
  DiffPlan allowed = Plan(from, kOrders, {.allow_data_loss = true});
  ASSERT_EQ(allowed.plan.steps.size(), 1u);
  EXPECT_TRUE(allowed.plan.steps[0].loses_data);
  EXPECT_NE(allowed.plan.steps[0].down_sql.find("CREATE TABLE public.old_log"), std::string::npos);
  EXPECT_EQ(allowed.not_restorable.size(), 1u);
}

// Durations follow the documented constants: a rewrite is table+index bytes at 40 MB/s, a VALIDATE a heap scan
// at 200 MB/s, a concurrent index build two scans plus rows·log2(rows) at 2e7/s, catalog-only steps instant.
TEST(StepDurationTest, EstimatesFromTableSizesWithTheirBasis) {
  DiffPlan plan = Plan(kOrders, "CREATE TABLE orders (id bigint PRIMARY KEY, note text, total bigint NOT NULL "
                                "CHECK (total > 0));\nCREATE INDEX orders_note_idx ON orders (note);\n");
  model::Statistics stats;
  stats.origin = model::Statistics::Origin::kLive;
  model::TableStatistics& t = stats.tables[{"public", "orders"}];
  t.table = {"public", "orders"};
  t.rows = 1e7;
  t.table_bytes = 1000LL * 1024 * 1024;
  t.total_bytes = 1200LL * 1024 * 1024;
  EstimateStepDurations(stats, {}, &plan);
  int checked = 0;
  for (const auto& step : plan.plan.steps) {
    SCOPED_TRACE(step.title + ": " + step.duration_basis);
    if (step.title.rfind("Change type", 0) == 0) {
      EXPECT_DOUBLE_EQ(step.estimated_seconds, 1200.0 / 40);
      EXPECT_NE(step.duration_basis.find("~30 s: rewrites public.orders, 1.2 GB at ~40 MB/s (sizes from live statistics)"),
                std::string::npos);
      ++checked;
    } else if (step.title.rfind("Validate", 0) == 0) {
      EXPECT_DOUBLE_EQ(step.estimated_seconds, 1000.0 / 200);
      ++checked;
    } else if (step.title.rfind("Build index", 0) == 0) {
      EXPECT_NEAR(step.estimated_seconds, 2 * 1000.0 / 200 + 1e7 * std::log2(1e7) / 2e7, 1e-6);
      EXPECT_NE(step.duration_basis.find("read twice"), std::string::npos);
      ++checked;
    } else if (step.title.rfind("Add check", 0) == 0) {
      EXPECT_EQ(step.estimated_seconds, 0);
      EXPECT_EQ(step.duration_basis, "instant: catalog only, once the lock is granted");
      ++checked;
    }
  }
  EXPECT_EQ(checked, 4) << PlanUpSql(plan);

  // Without sizes, the steps that scale with a table say so and carry no number.
  DiffPlan unknown = plan;
  EstimateStepDurations({}, {}, &unknown);
  for (const auto& step : unknown.plan.steps) {
    if (step.work.empty()) continue;
    EXPECT_LT(step.estimated_seconds, 0) << step.title;
    EXPECT_EQ(step.duration_basis.rfind("not estimated", 0), 0u) << step.duration_basis;
  }
}

}  // namespace
}  // namespace dbarch::analyzers::diff
