#include "analyzers/plan/plan_check.h"

#include <cmath>

#include <fmt/format.h>

namespace dbarch::analyzers::plan {

const model::PlanNode* PlanContext::ParentOf(const model::PlanNode& node) const {
  auto it = parents.find(&node);
  return it == parents.end() ? nullptr : it->second;
}

std::optional<double> PlanContext::ExclusiveMs(const model::PlanNode& node) const {
  auto it = times.find(&node);
  return it == times.end() ? std::nullopt : std::optional<double>(it->second.exclusive_ms);
}

std::optional<double> PlanContext::InclusiveMs(const model::PlanNode& node) const {
  auto it = times.find(&node);
  return it == times.end() ? std::nullopt : std::optional<double>(it->second.inclusive_ms);
}

std::string TableOf(const model::PlanNode& node) {
  return node.schema.empty() ? node.relation : node.schema + "." + node.relation;
}

std::string Describe(const model::PlanNode& node) {
  std::string text = node.node_type;
  if (node.node_type == "Aggregate" && node.strategy == "Hashed") text = "HashAggregate";
  if (node.node_type == "Aggregate" && node.strategy == "Sorted") text = "GroupAggregate";
  if (!node.join_type.empty() && node.join_type != "Inner") {
    text = node.node_type == "Nested Loop" ? "Nested Loop " + node.join_type + " Join"
                                           : node.node_type.substr(0, node.node_type.size() - 5) + " " +
                                                 node.join_type + " Join";
  }
  if (!node.index_name.empty() && node.node_type != "Bitmap Index Scan") text += " using " + node.index_name;
  if (node.node_type == "Bitmap Index Scan") text += " on " + node.index_name;
  if (!node.relation.empty()) {
    text += " on " + TableOf(node);
    if (!node.alias.empty() && node.alias != node.relation) text += " " + node.alias;
  }
  if (!node.subplan_name.empty()) text = node.subplan_name + ": " + text;
  return text;
}

std::optional<double> TotalActualRows(const model::PlanNode& node) {
  if (!node.actual_rows) return std::nullopt;
  return *node.actual_rows * node.actual_loops.value_or(1);
}

std::string Rows(double rows) {
  std::string digits = fmt::format("{:.0f}", rows);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0 && digits[i - 1] != '-') out += ',';
    out += digits[i];
  }
  return out;
}

std::string Ms(double ms) { return ms >= 1000 ? fmt::format("{:.2f} s", ms / 1000) : fmt::format("{:.1f} ms", ms); }

std::string Kb(double kb) { return kb >= 1024 ? fmt::format("{:.1f} MB", kb / 1024) : fmt::format("{:.0f} kB", kb); }

std::string WorkMemFor(double kb) {
  double mb = 4;
  while (mb * 1024 < kb) mb *= 2;
  return fmt::format("{}MB", static_cast<long long>(mb));
}

Finding MakeFinding(const PlanCheck& check, const model::PlanNode& node, std::string message,
                    std::string explanation, std::vector<std::string> evidence, std::string fix_sql) {
  Finding finding;
  finding.rule_id = check.id;
  finding.severity = check.severity;
  finding.object = Describe(node);
  finding.message = std::move(message);
  finding.explanation = std::move(explanation);
  finding.evidence = std::move(evidence);
  finding.fix_sql = std::move(fix_sql);
  return finding;
}

}  // namespace dbarch::analyzers::plan
