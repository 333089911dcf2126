// The monitoring plan as a Grafana dashboard (JSON model, schemaVersion 39): one time-series panel per
// distinct PromQL query of the plan's metrics — postgres_exporter and node_exporter series, the same ones the
// alert rules use — with the plan's thresholds drawn in, a `datasource` template variable so the dashboard
// imports into any Grafana with a Prometheus data source, and a text panel listing the metrics only SQL can
// measure. Written by `dbarch monitor` as dashboard.json.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "analyzers/ops_advice.h"

namespace dbarch::report {

nlohmann::json GrafanaDashboard(const analyzers::MonitoringPlan& plan, const std::string& project_name);

}  // namespace dbarch::report
