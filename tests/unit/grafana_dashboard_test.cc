// The Grafana dashboard of `dbarch monitor`: a valid dashboard model (unique panel ids, grid positions inside
// the 24 columns, the `datasource` template variable used by every query) whose panels query exactly the
// series the alert rules watch — so a metric cannot be alerted on without being visible, or shown without an
// alert.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "report/grafana_dashboard.h"
#include "ops_test_fixture.h"

namespace dbarch {
namespace {

using nlohmann::json;

// Metric names (postgres_exporter pg_*, node_exporter node_*) in a PromQL expression.
std::set<std::string> MetricNames(const std::string& promql) {
  std::set<std::string> names;
  static const std::regex metric(R"(\b((pg|node)_[a-zA-Z0-9_]+)\b)");
  for (auto it = std::sregex_iterator(promql.begin(), promql.end(), metric); it != std::sregex_iterator(); ++it) {
    names.insert((*it)[1].str());
  }
  return names;
}

// Metric names in the `expr:` lines of a rules file.
std::set<std::string> AlertMetricNames(const std::string& yaml) {
  std::set<std::string> names;
  std::istringstream lines(yaml);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("expr: ") == std::string::npos) continue;
    for (const auto& n : MetricNames(line)) names.insert(n);
  }
  return names;
}

json Dashboard(const analyzers::MonitoringPlan& plan) {
  // Through text, as Grafana reads it.
  return json::parse(report::GrafanaDashboard(plan, "shop").dump());
}

TEST(GrafanaDashboardTest, IsAValidDashboardModelWithADatasourceVariable) {
  auto plan = analyzers::PlanMonitoring(ops_test::ShopCatalog(), ops_test::ShopWorkload());
  json d = Dashboard(plan);
  EXPECT_EQ(d.at("schemaVersion"), 39);
  EXPECT_TRUE(d.at("uid").get<std::string>().size() <= 40);
  EXPECT_FALSE(d.at("title").get<std::string>().empty());
  const auto& variables = d.at("templating").at("list");
  ASSERT_EQ(variables.size(), 1u);
  EXPECT_EQ(variables[0].at("name"), "datasource");
  EXPECT_EQ(variables[0].at("type"), "datasource");
  EXPECT_EQ(variables[0].at("query"), "prometheus");

  std::set<int> ids;
  int timeseries = 0;
  for (const auto& panel : d.at("panels")) {
    EXPECT_TRUE(ids.insert(panel.at("id").get<int>()).second) << "duplicate panel id " << panel.at("id");
    const auto& grid = panel.at("gridPos");
    EXPECT_GE(grid.at("x").get<int>(), 0);
    EXPECT_LE(grid.at("x").get<int>() + grid.at("w").get<int>(), 24);
    EXPECT_GT(grid.at("h").get<int>(), 0);
    if (panel.at("type") == "text") {
      EXPECT_EQ(panel.at("options").at("mode"), "markdown");
      continue;
    }
    ASSERT_EQ(panel.at("type"), "timeseries");
    ++timeseries;
    EXPECT_EQ(panel.at("datasource").at("uid"), "${datasource}");
    ASSERT_FALSE(panel.at("targets").empty());
    for (const auto& target : panel.at("targets")) {
      EXPECT_EQ(target.at("datasource").at("uid"), "${datasource}");
      EXPECT_FALSE(target.at("expr").get<std::string>().empty());
      EXPECT_FALSE(target.at("refId").get<std::string>().empty());
    }
    const auto& steps = panel.at("fieldConfig").at("defaults").at("thresholds").at("steps");
    ASSERT_FALSE(steps.empty());
    EXPECT_TRUE(steps[0].at("value").is_null());  // Grafana's base step
  }
  EXPECT_GE(timeseries, 10);
}

TEST(GrafanaDashboardTest, PanelsQueryTheSameSeriesAsTheAlertRules) {
  auto plan = analyzers::PlanMonitoring(ops_test::ShopCatalog(), ops_test::ShopWorkload());
  json d = Dashboard(plan);
  std::set<std::string> panel_metrics;
  for (const auto& panel : d.at("panels")) {
    if (!panel.contains("targets")) continue;
    for (const auto& target : panel.at("targets")) {
      for (const auto& n : MetricNames(target.at("expr").get<std::string>())) panel_metrics.insert(n);
    }
  }
  std::set<std::string> alert_metrics = AlertMetricNames(plan.prometheus_rules_yaml);
  EXPECT_FALSE(alert_metrics.empty());
  EXPECT_EQ(panel_metrics, alert_metrics);
  // The metrics the brief names are all there.
  for (const char* name : {"pg_stat_activity_count", "pg_stat_database_xact_commit", "pg_stat_database_blks_hit",
                           "pg_stat_user_tables_n_dead_tup", "pg_replication_lag_seconds",
                           "pg_database_wraparound_age_datfrozenxid_seconds", "pg_stat_statements_seconds_total"}) {
    EXPECT_TRUE(panel_metrics.count(name)) << name;
  }
}

TEST(GrafanaDashboardTest, HotTablePanelsFilterByTheirTable) {
  auto plan = analyzers::PlanMonitoring(ops_test::ShopCatalog(), ops_test::ShopWorkload());
  json d = Dashboard(plan);
  bool found = false;
  for (const auto& panel : d.at("panels")) {
    if (panel.at("title") != "dead tuple ratio of public.orders") continue;
    found = true;
    EXPECT_NE(panel.at("targets")[0].at("expr").get<std::string>().find("relname=\"orders\""), std::string::npos);
    EXPECT_EQ(panel.at("fieldConfig").at("defaults").at("unit"), "percentunit");
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace dbarch
