#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "analyzers/ops_advice.h"
#include "ops_test_fixture.h"

namespace dbarch {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const analyzers::MonitoredMetric* Metric(const analyzers::MonitoringPlan& plan, const std::string& name) {
  for (const auto& m : plan.metrics) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

bool OnPath(const std::string& program) {
  return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

// Runs `promtool check rules` on the YAML; returns its exit status and fills `output`.
int PromtoolCheck(const std::string& yaml, std::string& output) {
  auto dir = std::filesystem::temp_directory_path() / ("dbarch_ops_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto rules = dir / "rules.yml";
  auto log = dir / "promtool.out";
  std::ofstream(rules) << yaml;
  int status = std::system(("promtool check rules " + rules.string() + " >" + log.string() + " 2>&1").c_str());
  std::ifstream in(log);
  output.assign(std::istreambuf_iterator<char>(in), {});
  std::filesystem::remove_all(dir);
  return status;
}

TEST(OpsMonitoring, HotTablesGetDeadTupleAndAutovacuumMetrics) {
  auto plan = analyzers::PlanMonitoring(ops_test::ShopCatalog(), ops_test::ShopWorkload());
  const auto* dead = Metric(plan, "dead tuple ratio of public.customers");
  ASSERT_NE(dead, nullptr);
  EXPECT_THAT(dead->source, HasSubstr("relname IN ('customers')"));
  EXPECT_EQ(dead->warning, "> 10%");
  const auto* vac = Metric(plan, "time since last autovacuum of public.customers");
  ASSERT_NE(vac, nullptr);
  EXPECT_THAT(vac->warning, HasSubstr("> 1h"));  // 50 000 writes/h: very hot
  const auto* orders_vac = Metric(plan, "time since last autovacuum of public.orders");
  ASSERT_NE(orders_vac, nullptr);
  EXPECT_THAT(orders_vac->warning, HasSubstr("> 6h"));
  EXPECT_EQ(Metric(plan, "dead tuple ratio of public.products"), nullptr);
  EXPECT_EQ(Metric(plan, "dead tuple ratio of public.events"), nullptr);
}

TEST(OpsMonitoring, SequenceUsageForInt4KeysOnly) {
  auto plan = analyzers::PlanMonitoring(ops_test::ShopCatalog(), ops_test::ShopWorkload());
  const auto* seq = Metric(plan, "sequence usage of public.customers.id");
  ASSERT_NE(seq, nullptr);
  EXPECT_THAT(seq->source, HasSubstr("pg_sequences"));
  EXPECT_THAT(seq->source, HasSubstr("pg_get_serial_sequence('public.customers', 'id')"));
  EXPECT_EQ(Metric(plan, "sequence usage of public.orders.id"), nullptr);
}

TEST(OpsMonitoring, InstanceMetricsAndSlowQueriesByCalls) {
  auto plan = analyzers::PlanMonitoring(ops_test::ShopCatalog(), ops_test::ShopWorkload());
  for (const char* name : {"connection usage", "buffer cache hit ratio", "replication lag", "longest running transaction",
                           "sessions waiting for locks", "transaction ID age (wraparound)", "database size growth",
                           "size of public.events"}) {
    EXPECT_NE(Metric(plan, name), nullptr) << name;
  }
  const analyzers::MonitoredMetric* busiest = nullptr;
  for (const auto& m : plan.metrics) {
    if (m.name.find("mean execution time") == 0 && !busiest) busiest = &m;
  }
  ASSERT_NE(busiest, nullptr);
  EXPECT_THAT(busiest->name, HasSubstr("last_seen_at"));  // 50 000 calls/h comes first
  EXPECT_EQ(busiest->warning, "> 3.6 ms");                // 5 % of a core over 50 000 calls
  EXPECT_THAT(busiest->source, HasSubstr("pg_stat_statements"));
}

TEST(OpsMonitoring, LoggingSettingsCarryComments) {
  auto plan = analyzers::PlanMonitoring(ops_test::ShopCatalog(), ops_test::ShopWorkload());
  ASSERT_FALSE(plan.logging_settings.empty());
  bool prefix = false;
  for (const auto& line : plan.logging_settings) {
    EXPECT_THAT(line, HasSubstr("#")) << line;
    prefix |= line.rfind("log_line_prefix", 0) == 0;
  }
  EXPECT_TRUE(prefix);
}

TEST(OpsMonitoring, BackupOutlineStatesAssumptions) {
  auto catalog = ops_test::ShopCatalog();
  auto plan = analyzers::PlanMonitoring(catalog, ops_test::ShopWorkload());
  std::vector<std::string> ids;
  for (const auto& a : plan.backup) ids.push_back(a.id);
  EXPECT_THAT(ids, ::testing::IsSupersetOf({"backup/assumptions", "backup/pgbackrest-schedule", "backup/retention",
                                            "backup/pitr-procedure", "backup/restore-test"}));
  EXPECT_THAT(ids, Not(::testing::Contains("backup/unlogged-tables")));
  EXPECT_THAT(plan.backup.front().title, HasSubstr("RPO"));

  catalog.tables.at(ops_test::Name("events")).unlogged = true;
  plan = analyzers::PlanMonitoring(catalog, ops_test::ShopWorkload());
  ids.clear();
  for (const auto& a : plan.backup) ids.push_back(a.id);
  EXPECT_THAT(ids, ::testing::Contains("backup/unlogged-tables"));
}

TEST(OpsMonitoring, PrometheusRulesFilterHotTablesByRelname) {
  auto plan = analyzers::PlanMonitoring(ops_test::ShopCatalog(), ops_test::ShopWorkload());
  const std::string& yaml = plan.prometheus_rules_yaml;
  EXPECT_THAT(yaml, HasSubstr("groups:"));
  EXPECT_THAT(yaml, HasSubstr("alert: PostgresDown"));
  EXPECT_THAT(yaml, HasSubstr("relname=\"customers\""));
  EXPECT_THAT(yaml, HasSubstr("relname=\"orders\""));
  EXPECT_THAT(yaml, Not(HasSubstr("relname=\"products\"")));
  EXPECT_THAT(yaml, HasSubstr("owned_by=\"customers.id\""));
}

TEST(OpsMonitoring, PrometheusRulesPassPromtool) {
  if (!OnPath("promtool")) GTEST_SKIP() << "promtool not on PATH (apt-get install prometheus)";
  auto plan = analyzers::PlanMonitoring(ops_test::ShopCatalog(), ops_test::ShopWorkload());
  std::string output;
  EXPECT_EQ(PromtoolCheck(plan.prometheus_rules_yaml, output), 0) << output << "\n" << plan.prometheus_rules_yaml;
  EXPECT_THAT(output, HasSubstr("SUCCESS"));
}

TEST(OpsMonitoring, PrometheusRulesForAwkwardNamesPassPromtool) {
  if (!OnPath("promtool")) GTEST_SKIP() << "promtool not on PATH (apt-get install prometheus)";
  // A quoted table name with a quote, a dot and a regex metacharacter, partitioned, and no workload at all.
  auto catalog = ops_test::ShopCatalog();
  auto table = ops_test::MakeTable("Order's.log(1)", {ops_test::Col("v", "text")});
  table.kind = model::TableKind::kPartitioned;
  table.partition_strategy = "range";
  table.partition_keys = {"v"};
  catalog.tables[table.name] = table;
  auto part = ops_test::MakeTable("Order's.log(1)_p1", table.columns);
  part.partition_of = table.name;
  part.partition_bound = "DEFAULT";
  catalog.tables[part.name] = part;
  model::Workload workload;
  auto q = ops_test::MakeQuery(model::StatementKind::kUpdate, "UPDATE \"Order's.log(1)\" SET v = $1", 20000,
                               {"Order's.log(1)"});
  q.set_columns = {{table.name, "v"}};
  workload.queries.push_back(q);
  auto plan = analyzers::PlanMonitoring(catalog, workload);
  EXPECT_THAT(plan.prometheus_rules_yaml, HasSubstr("relname=~\"Order''s\\\\.log\\\\(1\\\\)_p1\""));
  std::string output;
  EXPECT_EQ(PromtoolCheck(plan.prometheus_rules_yaml, output), 0) << output << "\n" << plan.prometheus_rules_yaml;

  auto empty = analyzers::PlanMonitoring(model::Catalog{}, model::Workload{});
  EXPECT_EQ(PromtoolCheck(empty.prometheus_rules_yaml, output), 0) << output;
}

}  // namespace
}  // namespace dbarch
