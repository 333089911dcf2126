#include <algorithm>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "analyzers/ops/ops_internal.h"
#include "analyzers/ops_advice.h"
#include "ops_test_fixture.h"

namespace dbarch {
namespace {

using analyzers::Advice;
using ops_test::Name;
using ::testing::HasSubstr;

std::vector<const Advice*> WithId(const std::vector<Advice>& advice, const std::string& id) {
  std::vector<const Advice*> out;
  for (const auto& a : advice) {
    if (a.id == id) out.push_back(&a);
  }
  return out;
}

// The advice with `id` whose title names `table`, or nullptr.
const Advice* For(const std::vector<Advice>& advice, const std::string& id, const std::string& table) {
  for (const auto* a : WithId(advice, id)) {
    if (a->title.find(table) != std::string::npos) return a;
  }
  return nullptr;
}

TEST(OpsPerformance, HotUpdateTableGetsAutovacuumAdviceReadOnlyTableDoesNot) {
  auto advice = analyzers::AdvisePerformance(ops_test::ShopCatalog(), ops_test::ShopWorkload());
  const Advice* customers = For(advice, "perf/autovacuum-hot-table", "public.customers");
  ASSERT_NE(customers, nullptr);
  EXPECT_THAT(customers->snippet, HasSubstr("ALTER TABLE public.customers SET (autovacuum_vacuum_scale_factor = 0.01"));
  EXPECT_THAT(customers->evidence.front(), HasSubstr("50,000 UPDATE"));
  EXPECT_EQ(customers->based_on, "schema+workload");
  EXPECT_NE(For(advice, "perf/autovacuum-hot-table", "public.orders"), nullptr);  // 2 000 updates/h
  EXPECT_EQ(For(advice, "perf/autovacuum-hot-table", "public.products"), nullptr);
  EXPECT_EQ(For(advice, "perf/autovacuum-hot-table", "public.events"), nullptr);
}

TEST(OpsPerformance, FillfactorOnlyWhenUpdatedColumnsAreNotIndexed) {
  auto advice = analyzers::AdvisePerformance(ops_test::ShopCatalog(), ops_test::ShopWorkload());
  const Advice* ff = For(advice, "perf/fillfactor-hot-updates", "public.customers");
  ASSERT_NE(ff, nullptr);
  EXPECT_THAT(ff->snippet, HasSubstr("fillfactor = 80"));
  // orders.status is in the predicate of orders_pending_idx: HOT impossible, no fillfactor advice.
  EXPECT_EQ(For(advice, "perf/fillfactor-hot-updates", "public.orders"), nullptr);
  const Advice* blocked = For(advice, "perf/hot-update-blocked-by-index", "public.orders");
  ASSERT_NE(blocked, nullptr);
  EXPECT_THAT(blocked->evidence.front(), HasSubstr("orders_pending_idx"));
  EXPECT_EQ(For(advice, "perf/hot-update-blocked-by-index", "public.customers"), nullptr);
}

TEST(OpsPerformance, IndexingTheUpdatedColumnTurnsFillfactorIntoAWarning) {
  auto catalog = ops_test::ShopCatalog();
  ops_test::AddIndex(catalog, "customers", "customers_last_seen_idx", {"last_seen_at"});
  auto advice = analyzers::AdvisePerformance(catalog, ops_test::ShopWorkload());
  EXPECT_EQ(For(advice, "perf/fillfactor-hot-updates", "public.customers"), nullptr);
  EXPECT_NE(For(advice, "perf/hot-update-blocked-by-index", "public.customers"), nullptr);
}

TEST(OpsPerformance, BrinIndexDoesNotBlockHot) {
  auto catalog = ops_test::ShopCatalog();
  ops_test::AddIndex(catalog, "customers", "customers_last_seen_brin", {"last_seen_at"}, "", "brin");
  auto advice = analyzers::AdvisePerformance(catalog, ops_test::ShopWorkload());
  EXPECT_NE(For(advice, "perf/fillfactor-hot-updates", "public.customers"), nullptr);
}

TEST(OpsPerformance, AppendOnlyTableGetsPartitioningAndBrin) {
  auto advice = analyzers::AdvisePerformance(ops_test::ShopCatalog(), ops_test::ShopWorkload());
  const Advice* part = For(advice, "perf/partition-append-only-table", "public.events");
  ASSERT_NE(part, nullptr);
  EXPECT_THAT(part->snippet, HasSubstr("PARTITION BY RANGE (created_at)"));
  const Advice* brin = For(advice, "perf/brin-time-column", "public.events.created_at");
  ASSERT_NE(brin, nullptr);
  EXPECT_THAT(brin->snippet, HasSubstr("USING brin (created_at)"));
  EXPECT_EQ(WithId(advice, "perf/partition-append-only-table").size(), 1u);  // customers is updated
}

TEST(OpsPerformance, NoBrinWithoutRangeQueriesAndNoPartitioningWhenUpdated) {
  auto workload = ops_test::ShopWorkload();
  std::erase_if(workload.queries, [](const model::Query& q) { return q.text.find("created_at >=") != std::string::npos; });
  auto upd = ops_test::MakeQuery(model::StatementKind::kUpdate, "UPDATE events SET payload = $1 WHERE id = $2", 5,
                                 {"events"});
  upd.set_columns = {{Name("events"), "payload"}};
  workload.queries.push_back(upd);
  auto advice = analyzers::AdvisePerformance(ops_test::ShopCatalog(), workload);
  EXPECT_TRUE(WithId(advice, "perf/brin-time-column").empty());
  EXPECT_TRUE(WithId(advice, "perf/partition-append-only-table").empty());
}

model::Catalog WithPartitionedEvents(bool with_default) {
  auto catalog = ops_test::ShopCatalog();
  auto& events = catalog.tables.at(Name("events"));
  events.kind = model::TableKind::kPartitioned;
  events.partition_strategy = "range";
  events.partition_keys = {"created_at"};
  for (const char* year : {"2025", "2026"}) {
    auto part = ops_test::MakeTable(std::string("events_") + year, events.columns);
    part.partition_of = Name("events");
    part.partition_bound = std::string("FOR VALUES FROM ('") + year + "-01-01') TO ('" + year + "-12-31')";
    catalog.tables[part.name] = part;
  }
  if (with_default) {
    auto part = ops_test::MakeTable("events_default", events.columns);
    part.partition_of = Name("events");
    part.partition_bound = "DEFAULT";
    catalog.tables[part.name] = part;
  }
  return catalog;
}

TEST(OpsPerformance, PartitionedTableWithoutDefaultPartitionIsFlagged) {
  auto advice = analyzers::AdvisePerformance(WithPartitionedEvents(false), ops_test::ShopWorkload());
  const Advice* maint = For(advice, "perf/partition-maintenance", "public.events");
  ASSERT_NE(maint, nullptr);
  EXPECT_THAT(maint->detail, HasSubstr("no DEFAULT partition"));
  EXPECT_THAT(maint->snippet, HasSubstr("CREATE TABLE public.events_default PARTITION OF public.events DEFAULT"));
  EXPECT_TRUE(WithId(advice, "perf/partition-append-only-table").empty());  // already partitioned

  auto with_default = analyzers::AdvisePerformance(WithPartitionedEvents(true), ops_test::ShopWorkload());
  maint = For(with_default, "perf/partition-maintenance", "public.events");
  ASSERT_NE(maint, nullptr);
  EXPECT_THAT(maint->snippet, ::testing::Not(HasSubstr("DEFAULT;")));
}

TEST(OpsPerformance, HotPartitionedTableGetsStorageParametersOnPartitions) {
  auto workload = ops_test::ShopWorkload();
  auto del = ops_test::MakeQuery(model::StatementKind::kDelete, "DELETE FROM events WHERE id = $1", 3000, {"events"});
  workload.queries.push_back(del);
  auto advice = analyzers::AdvisePerformance(WithPartitionedEvents(true), workload);
  const Advice* av = For(advice, "perf/autovacuum-hot-table", "public.events");
  ASSERT_NE(av, nullptr);
  EXPECT_THAT(av->snippet, HasSubstr("ALTER TABLE public.events_2025 SET"));
  EXPECT_THAT(av->snippet, HasSubstr("ALTER TABLE public.events_default SET"));
  EXPECT_THAT(av->snippet, ::testing::Not(HasSubstr("ALTER TABLE public.events SET")));
}

TEST(OpsPerformance, OffsetAndSelectStarAdviceOnlyWhenPresent) {
  auto advice = analyzers::AdvisePerformance(ops_test::ShopCatalog(), ops_test::ShopWorkload());
  auto offset = WithId(advice, "perf/offset-pagination");
  ASSERT_EQ(offset.size(), 1u);
  EXPECT_THAT(offset.front()->evidence.front(), HasSubstr("OFFSET $1"));  // found in the parse tree
  EXPECT_NE(For(advice, "perf/select-star-wide-table", "public.products"), nullptr);
  EXPECT_EQ(WithId(advice, "perf/work-mem-sorts").size(), 1u);

  model::Workload writes_only;
  writes_only.queries = {ops_test::TouchLastSeen()};
  auto none = analyzers::AdvisePerformance(ops_test::ShopCatalog(), writes_only);
  EXPECT_TRUE(WithId(none, "perf/offset-pagination").empty());
  EXPECT_TRUE(WithId(none, "perf/select-star-wide-table").empty());
  EXPECT_TRUE(WithId(none, "perf/work-mem-sorts").empty());
}

TEST(OpsPerformance, PoolModeDependsOnSessionFeatures) {
  auto advice = analyzers::AdvisePerformance(ops_test::ShopCatalog(), ops_test::ShopWorkload());
  auto pool = WithId(advice, "perf/connection-pooling");
  ASSERT_EQ(pool.size(), 1u);
  EXPECT_THAT(pool.front()->snippet, HasSubstr("pool_mode = transaction"));

  auto workload = ops_test::ShopWorkload();
  workload.queries.push_back(ops_test::MakeQuery(model::StatementKind::kOther, "LISTEN order_events", 10, {}));
  workload.queries.push_back(
      ops_test::MakeQuery(model::StatementKind::kSelect, "SELECT pg_advisory_lock($1)", 10, {}));
  workload.queries.push_back(
      ops_test::MakeQuery(model::StatementKind::kSelect, "SELECT pg_advisory_xact_lock($1)", 10, {}));
  workload.queries.push_back(ops_test::MakeQuery(model::StatementKind::kOther, "SET LOCAL statement_timeout = 0", 10, {}));
  auto session = analyzers::AdvisePerformance(ops_test::ShopCatalog(), workload);
  pool = WithId(session, "perf/connection-pooling");
  ASSERT_EQ(pool.size(), 1u);
  EXPECT_THAT(pool.front()->snippet, HasSubstr("pool_mode = session"));
  std::string evidence = ::testing::PrintToString(pool.front()->evidence);
  EXPECT_THAT(evidence, HasSubstr("LISTEN order_events"));
  EXPECT_THAT(evidence, HasSubstr("pg_advisory_lock()"));
  EXPECT_THAT(evidence, ::testing::Not(HasSubstr("pg_advisory_xact_lock")));
  EXPECT_THAT(evidence, ::testing::Not(HasSubstr("SET statement_timeout")));
}

TEST(OpsPerformance, SessionFeaturesFromParseTree) {
  model::Workload w;
  w.queries.push_back(ops_test::MakeQuery(model::StatementKind::kOther, "SET search_path = app, public", 1, {}));
  w.queries.push_back(ops_test::MakeQuery(model::StatementKind::kOther, "CREATE TEMP TABLE t (id int)", 1, {}));
  w.queries.push_back(ops_test::MakeQuery(model::StatementKind::kOther, "PREPARE p AS SELECT 1", 1, {}));
  w.queries.push_back(ops_test::MakeQuery(model::StatementKind::kSelect, "SELECT set_config('x.y', $1, false)", 1, {}));
  w.queries.push_back(ops_test::MakeQuery(model::StatementKind::kSelect, "SELECT set_config('x.y', $1, true)", 1, {}));
  auto features = analyzers::ops::DetectSessionFeatures(w);
  std::vector<std::string> names;
  for (const auto& f : features) names.push_back(f.feature);
  EXPECT_THAT(names, ::testing::ElementsAre("SET search_path", "temporary table t", "PREPARE p",
                                            "set_config(…, false)"));
}

TEST(OpsPerformance, ReferencedAppendOnlyTableIsNotAPartitionCandidate) {
  auto catalog = ops_test::ShopCatalog();
  auto ref = ops_test::MakeTable("event_acks", {ops_test::Col("event_id", "bigint")});
  model::Constraint fk;
  fk.kind = model::ConstraintKind::kForeignKey;
  fk.columns = {"event_id"};
  fk.referenced_table = Name("events");
  ref.constraints.push_back(fk);
  catalog.tables[ref.name] = ref;
  auto advice = analyzers::AdvisePerformance(catalog, ops_test::ShopWorkload());
  EXPECT_TRUE(WithId(advice, "perf/partition-append-only-table").empty());
  EXPECT_EQ(WithId(advice, "perf/brin-time-column").size(), 1u);  // still append-only and range-filtered
}

TEST(OpsPerformance, GroupingOnesOwnRowsDoesNotNeedWorkMem) {
  model::Workload w;
  auto q = ops_test::MakeQuery(model::StatementKind::kSelect,
                               "SELECT status, count(*) FROM orders WHERE customer_id = $1 GROUP BY status", 5000,
                               {"orders"});
  model::Predicate p;
  p.column = {Name("orders"), "customer_id"};
  p.op = "=";
  p.operand = model::Predicate::Operand::kParameter;
  q.predicates.push_back(p);
  q.group_by.push_back({Name("orders"), "status"});
  q.has_aggregate = true;
  w.queries.push_back(q);
  EXPECT_TRUE(WithId(analyzers::AdvisePerformance(ops_test::ShopCatalog(), w), "perf/work-mem-sorts").empty());
  w.queries.front().predicates.clear();  // the same grouping over the whole table can spill
  EXPECT_EQ(WithId(analyzers::AdvisePerformance(ops_test::ShopCatalog(), w), "perf/work-mem-sorts").size(), 1u);
}

TEST(OpsPerformance, Int4KeyExhaustionOnlyForNarrowKeysWithInserts) {
  auto advice = analyzers::AdvisePerformance(ops_test::ShopCatalog(), ops_test::ShopWorkload());
  auto exhaustion = WithId(advice, "perf/int4-key-exhaustion");
  ASSERT_EQ(exhaustion.size(), 1u);  // customers.id; orders and events are bigint
  EXPECT_THAT(exhaustion.front()->title, HasSubstr("public.customers.id"));
  // 2^31 / (2 000/h × 8 766 h) ≈ 122 years
  EXPECT_THAT(exhaustion.front()->title, HasSubstr("~122 years"));
  EXPECT_THAT(exhaustion.front()->snippet, HasSubstr("ALTER SEQUENCE public.customers_id_seq AS bigint"));
}

TEST(OpsPerformance, EveryAdviceCitesEvidenceAndBasis) {
  auto advice = analyzers::AdvisePerformance(ops_test::ShopCatalog(), ops_test::ShopWorkload());
  ASSERT_FALSE(advice.empty());
  for (const auto& a : advice) {
    EXPECT_FALSE(a.id.empty());
    EXPECT_FALSE(a.evidence.empty()) << a.id;
    EXPECT_TRUE(a.based_on == "schema" || a.based_on == "workload" || a.based_on == "schema+workload") << a.id;
    EXPECT_FALSE(a.detail.empty()) << a.id;
  }
}

TEST(OpsPerformance, EmptyWorkloadGivesOnlySchemaAdvice) {
  auto advice = analyzers::AdvisePerformance(ops_test::ShopCatalog(), model::Workload{});
  EXPECT_TRUE(WithId(advice, "perf/connection-pooling").empty());
  EXPECT_TRUE(WithId(advice, "perf/autovacuum-hot-table").empty());
  EXPECT_TRUE(WithId(advice, "perf/int4-key-exhaustion").empty());
  // The postgresql.conf starting point is the report's configuration (analyzers/tune.h), not an advice item.
  EXPECT_TRUE(WithId(advice, "perf/postgresql-conf-starter").empty());
}

TEST(OpsPerformance, PressureCountsReadsAndWrites) {
  auto workload = ops_test::ShopWorkload();
  auto pressure = analyzers::ops::EstimatePressure(workload);
  const auto& customers = pressure.at(Name("customers"));
  EXPECT_EQ(customers.updates, 50000);
  EXPECT_EQ(customers.inserts, 2000);
  EXPECT_EQ(customers.reads, 0);
  EXPECT_EQ(customers.updated_columns.at("last_seen_at"), 50000);
  EXPECT_EQ(pressure.at(Name("events")).reads, 20);
  EXPECT_TRUE(pressure.at(Name("events")).IsAppendOnly());
}

TEST(OpsFormat, CountsAndSlowThresholds) {
  EXPECT_EQ(analyzers::ops::FormatCount(50000), "50,000");
  EXPECT_EQ(analyzers::ops::FormatCount(999), "999");
  EXPECT_EQ(analyzers::ops::FormatCount(1234567), "1,234,567");
  EXPECT_EQ(analyzers::ops::FormatCount(0.5), "0.5");
  EXPECT_DOUBLE_EQ(analyzers::ops::SlowQueryWarningMs(60000), 3.0);
  EXPECT_DOUBLE_EQ(analyzers::ops::SlowQueryWarningMs(10), 1000.0);
  EXPECT_DOUBLE_EQ(analyzers::ops::SlowQueryWarningMs(42000), 4.3);
  EXPECT_EQ(analyzers::ops::OneLine("SELECT  1\n  FROM t"), "SELECT 1 FROM t");
}

}  // namespace
}  // namespace dbarch
