#include "report/grafana_dashboard.h"

#include <fmt/format.h>

#include <cstdint>
#include <map>
#include <sstream>
#include <vector>

namespace dbarch::report {
namespace {

using nlohmann::json;

constexpr int kPanelWidth = 12;  // two panels per row of Grafana's 24-column grid
constexpr int kPanelHeight = 8;

json Datasource() { return {{"type", "prometheus"}, {"uid", "${datasource}"}}; }

// The labels worth showing in the legend, from the labels the query keeps.
std::string LegendFormat(const std::string& promql) {
  if (promql.find("relname") != std::string::npos) return "{{relname}}";
  if (promql.find("queryid") != std::string::npos) return "{{datname}} {{queryid}}";
  if (promql.find("owned_by") != std::string::npos) return "{{owned_by}}";
  if (promql.find(" mode)") != std::string::npos) return "{{datname}} {{mode}}";
  if (promql.find("datname") != std::string::npos || promql.find("pg_stat_database_") != std::string::npos ||
      promql.find("pg_database_") != std::string::npos)
    return "{{instance}} {{datname}}";
  return "{{instance}}";
}

// The words the names of a group of metrics share ("mean execution time of …" × 5 → "mean execution time").
std::string CommonTitle(const std::vector<const analyzers::MonitoredMetric*>& group) {
  if (group.size() == 1) return group.front()->name;
  std::vector<std::string> words;
  std::istringstream first(group.front()->name);
  for (std::string w; first >> w;) words.push_back(w);
  size_t common = words.size();
  for (const auto* m : group) {
    std::istringstream in(m->name);
    size_t i = 0;
    for (std::string w; i < common && in >> w && w == words[i];) ++i;
    common = std::min(common, i);
  }
  while (common > 0 && (words[common - 1] == "of" || words[common - 1] == "the")) --common;
  std::string title;
  for (size_t i = 0; i < common; ++i) title += (i ? " " : "") + words[i];
  if (title.empty()) title = group.front()->name;
  return fmt::format("{} ({} watched)", title, group.size());
}

// Grafana's threshold steps: green below the warning value, orange from it, red from the critical one.
json Thresholds(const analyzers::MonitoredMetric& m) {
  json steps = json::array();
  steps.push_back({{"color", "green"}, {"value", nullptr}});
  if (m.warning_value) steps.push_back({{"color", "orange"}, {"value", *m.warning_value}});
  if (m.critical_value) steps.push_back({{"color", "red"}, {"value", *m.critical_value}});
  return {{"mode", "absolute"}, {"steps", steps}};
}

json TimeSeriesPanel(int id, int index, const std::vector<const analyzers::MonitoredMetric*>& group) {
  const analyzers::MonitoredMetric& m = *group.front();
  std::string description;
  for (const auto* g : group) {
    description += fmt::format("{}{}: warning {}{}. {}", description.empty() ? "" : "\n\n", g->name,
                               g->warning.empty() ? "—" : g->warning,
                               g->critical.empty() ? "" : ", critical " + g->critical, g->why);
  }
  const bool has_thresholds = m.warning_value.has_value() || m.critical_value.has_value();
  json panel = {
      {"id", id},
      {"type", "timeseries"},
      {"title", CommonTitle(group)},
      {"description", description},
      {"datasource", Datasource()},
      {"gridPos", {{"h", kPanelHeight}, {"w", kPanelWidth}, {"x", (index % 2) * kPanelWidth}, {"y", (index / 2) * kPanelHeight}}},
      {"targets", json::array({{{"refId", "A"}, {"datasource", Datasource()}, {"expr", m.promql},
                                {"legendFormat", LegendFormat(m.promql)}, {"range", true}}})},
      {"fieldConfig",
       {{"defaults",
         {{"unit", m.unit.empty() ? "short" : m.unit},
          {"thresholds", Thresholds(m)},
          {"custom", {{"thresholdsStyle", {{"mode", has_thresholds ? "line" : "off"}}}}}}},
        {"overrides", json::array()}}},
      {"options", {{"legend", {{"displayMode", "list"}, {"placement", "bottom"}, {"showLegend", true}}},
                   {"tooltip", {{"mode", "multi"}, {"sort", "desc"}}}}},
  };
  return panel;
}

// FNV-1a: a stable dashboard uid per project, so re-importing replaces the dashboard instead of adding one.
uint64_t Hash(const std::string& s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace

json GrafanaDashboard(const analyzers::MonitoringPlan& plan, const std::string& project_name) {
  // Metrics sharing a query share a panel (e.g. the watched statements: one topk panel).
  std::vector<std::vector<const analyzers::MonitoredMetric*>> groups;
  std::map<std::string, size_t> group_of;
  std::vector<const analyzers::MonitoredMetric*> sql_only;
  for (const auto& m : plan.metrics) {
    if (m.promql.empty()) {
      sql_only.push_back(&m);
      continue;
    }
    auto [it, inserted] = group_of.emplace(m.promql, groups.size());
    if (inserted) groups.emplace_back();
    groups[it->second].push_back(&m);
  }
  json panels = json::array();
  int id = 1;
  for (size_t i = 0; i < groups.size(); ++i) panels.push_back(TimeSeriesPanel(id++, static_cast<int>(i), groups[i]));
  if (!sql_only.empty()) {
    std::string content = "Metrics postgres_exporter does not export by default: check them with SQL (or add them "
                          "to the exporter's custom queries).\n\n| metric | warning | critical | SQL |\n|---|---|---|---|\n";
    for (const auto* m : sql_only) {
      std::string source = m->source;
      for (char& c : source) {
        if (c == '|' || c == '\n') c = ' ';
      }
      content += fmt::format("| {} | {} | {} | `{}` |\n", m->name, m->warning, m->critical, source);
    }
    const int row = static_cast<int>((groups.size() + 1) / 2) * kPanelHeight;
    panels.push_back({{"id", id++},
                      {"type", "text"},
                      {"title", "Checked with SQL"},
                      {"gridPos", {{"h", 10}, {"w", 24}, {"x", 0}, {"y", row}}},
                      {"options", {{"mode", "markdown"}, {"content", content}}}});
  }
  const std::string title = project_name.empty() ? "PostgreSQL (dbarch)" : "PostgreSQL — " + project_name + " (dbarch)";
  return {
      {"title", title},
      {"uid", fmt::format("dbarch-{:016x}", Hash(title))},
      {"description", "Generated by dbarch monitor from the schema and workload: the monitoring plan's metrics over "
                      "postgres_exporter, with the thresholds of alerts.yml."},
      {"tags", json::array({"postgresql", "dbarch"})},
      {"schemaVersion", 39},
      {"version", 1},
      {"editable", true},
      {"timezone", "browser"},
      {"refresh", "1m"},
      {"time", {{"from", "now-6h"}, {"to", "now"}}},
      {"annotations", {{"list", json::array()}}},
      {"templating",
       {{"list", json::array({{{"name", "datasource"},
                               {"label", "Prometheus"},
                               {"type", "datasource"},
                               {"query", "prometheus"},
                               {"current", json::object()},
                               {"hide", 0},
                               {"refresh", 1},
                               {"regex", ""},
                               {"options", json::array()}}})}}},
      {"panels", panels},
  };
}

}  // namespace dbarch::report
