// Performance considerations and monitoring strategy from what the schema and the workload alone can
// tell (live statistics come with the verify stage): which tables will be hot or large, write-heavy
// tables that need autovacuum attention, partitioning candidates, connection and timeout settings, the
// metrics to watch with thresholds tailored to this schema, a Prometheus rules file for postgres_exporter,
// and a backup/PITR outline. Every item says what it is based on and what input would sharpen it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/catalog.h"
#include "model/workload.h"

namespace dbarch::analyzers {

struct Advice {
  std::string id;        // stable kebab-case, e.g. "perf/hot-update-table"
  std::string title;
  std::string detail;    // what to do and why
  std::vector<std::string> evidence;
  std::string snippet;   // SQL or postgresql.conf lines to apply; may be empty
  std::string based_on;  // "schema", "workload", "schema+workload"
};

struct MonitoredMetric {
  std::string name;        // what is watched, e.g. "dead tuple ratio of public.orders"
  std::string source;      // postgres_exporter metric or SQL query
  std::string warning;     // threshold, e.g. "> 10%"
  std::string critical;
  std::string why;
  // The same metric as PromQL over postgres_exporter (and node_exporter) series, for dashboard panels; the
  // alert rules use the same series. Empty when only SQL can measure it.
  std::string promql;
  std::string unit;  // Grafana unit of promql's value: "percentunit", "s", "ms", "bytes", "short", "ops"
  std::optional<double> warning_value;   // the thresholds above in promql's unit, when they are plain numbers
  std::optional<double> critical_value;
};

struct MonitoringPlan {
  std::vector<MonitoredMetric> metrics;
  std::string prometheus_rules_yaml;  // a valid Prometheus rules file (groups: …)
  std::vector<std::string> logging_settings;  // postgresql.conf lines, each with a trailing comment
  std::vector<Advice> backup;          // backup / PITR outline
};

std::vector<Advice> AdvisePerformance(const model::Catalog& catalog, const model::Workload& workload);
MonitoringPlan PlanMonitoring(const model::Catalog& catalog, const model::Workload& workload);

}  // namespace dbarch::analyzers
