#include "report/plan_text.h"

#include <set>

#include <fmt/format.h>

#include "analyzers/plan_analysis.h"
#include "analyzers/plan/plan_check.h"

namespace dbarch::report {
namespace {

using analyzers::plan::Describe;
using analyzers::plan::Ms;
using analyzers::plan::Rows;

using Times = std::map<const model::PlanNode*, analyzers::NodeTime>;

void TreeLines(const model::PlanNode& node, int depth, const std::set<const model::PlanNode*>& hot, const Times& times,
               std::optional<double> total_ms, std::string* out) {
  std::string line = fmt::format("{} {}{}", hot.count(&node) ? "»" : " ", std::string(depth * 2, ' '), Describe(node));
  std::string numbers = fmt::format("est. {} rows, cost {:.2f}", Rows(node.plan_rows), node.total_cost);
  if (node.actual_loops && *node.actual_loops == 0) {
    numbers += "; never executed";
  } else if (node.actual_rows) {
    numbers += fmt::format("; actual {} rows", Rows(*node.actual_rows));
    if (node.actual_loops.value_or(1) != 1) numbers += fmt::format(" × {} loops", Rows(*node.actual_loops));
    if (auto it = times.find(&node); it != times.end()) {
      const double own = it->second.exclusive_ms;
      numbers += fmt::format(", own time {}", Ms(own));
      if (total_ms && *total_ms > 0) numbers += fmt::format(" ({:.0f} %)", 100 * own / *total_ms);
    }
  }
  *out += line + "  [" + numbers + "]\n";
  for (const model::PlanNode& child : node.children) TreeLines(child, depth + 1, hot, times, total_ms, out);
}

nlohmann::json NodeJson(const model::PlanNode& node, const std::set<const model::PlanNode*>& hot, const Times& times) {
  nlohmann::json json = {{"node", Describe(node)},      {"node_type", node.node_type},
                         {"estimated_rows", node.plan_rows}, {"total_cost", node.total_cost},
                         {"hot_path", hot.count(&node) > 0}};
  if (!node.relation.empty()) json["relation"] = analyzers::plan::TableOf(node);
  if (node.actual_rows) json["actual_rows"] = *node.actual_rows;
  if (node.actual_loops) json["loops"] = *node.actual_loops;
  if (auto it = times.find(&node); it != times.end()) {
    json["own_ms"] = it->second.exclusive_ms;
    json["total_ms"] = it->second.inclusive_ms;
  }
  nlohmann::json children = nlohmann::json::array();
  for (const model::PlanNode& child : node.children) children.push_back(NodeJson(child, hot, times));
  json["children"] = std::move(children);
  return json;
}

}  // namespace

std::string PlanAnalysisText(const std::vector<AnalyzedPlan>& plans) {
  std::string out;
  for (const AnalyzedPlan& analyzed : plans) {
    const model::Plan& plan = analyzed.plan;
    std::string timing;
    if (plan.execution_ms) timing += fmt::format(", execution {}", Ms(*plan.execution_ms));
    if (plan.planning_ms) timing += fmt::format(", planning {}", Ms(*plan.planning_ms));
    if (!plan.execution_ms && !plan.root.actual_rows) timing += " (estimates only: run EXPLAIN ANALYZE for timings)";
    out += fmt::format("{}: {} node(s){}\n", analyzed.source, plan.Nodes().size(), timing);
    const Times times = analyzers::TimePlan(plan);
    const std::vector<const model::PlanNode*> path = analyzers::HotPath(plan, times);
    const std::set<const model::PlanNode*> hot(path.begin(), path.end());
    std::optional<double> total = plan.execution_ms;
    if (!total && times.count(&plan.root)) total = times.at(&plan.root).inclusive_ms;
    TreeLines(plan.root, 0, hot, times, total, &out);
    if (!hot.empty()) out += "  (» marks the hot path: from the root down the slowest child to where the time is spent)\n";
    if (analyzed.findings.empty()) {
      out += "no findings\n\n";
      continue;
    }
    out += fmt::format("{} finding(s):\n", analyzed.findings.size());
    for (const Finding& finding : analyzed.findings) {
      out += fmt::format("  {} {}: {}\n", SeverityName(finding.severity), finding.rule_id, finding.message);
      for (const std::string& evidence : finding.evidence) out += "      - " + evidence + "\n";
      if (!finding.explanation.empty()) out += "      why: " + finding.explanation + "\n";
      if (!finding.fix_sql.empty()) {
        out += "      fix:\n";
        size_t start = 0;
        while (start < finding.fix_sql.size()) {
          size_t end = finding.fix_sql.find('\n', start);
          if (end == std::string::npos) end = finding.fix_sql.size();
          out += "        " + finding.fix_sql.substr(start, end - start) + "\n";
          start = end + 1;
        }
      }
    }
    out += "\n";
  }
  return out;
}

nlohmann::json PlanAnalysisJson(const std::vector<AnalyzedPlan>& plans) {
  nlohmann::json out = nlohmann::json::array();
  for (const AnalyzedPlan& analyzed : plans) {
    const Times times = analyzers::TimePlan(analyzed.plan);
    const std::vector<const model::PlanNode*> path = analyzers::HotPath(analyzed.plan, times);
    const std::set<const model::PlanNode*> hot(path.begin(), path.end());
    nlohmann::json findings = nlohmann::json::array();
    for (const Finding& finding : analyzed.findings) {
      findings.push_back({{"rule", finding.rule_id},
                          {"severity", std::string(SeverityName(finding.severity))},
                          {"node", finding.object},
                          {"message", finding.message},
                          {"explanation", finding.explanation},
                          {"evidence", finding.evidence},
                          {"fix_sql", finding.fix_sql}});
    }
    nlohmann::json entry = {{"source", analyzed.source}, {"tree", NodeJson(analyzed.plan.root, hot, times)}, {"findings", findings}};
    if (analyzed.plan.execution_ms) entry["execution_ms"] = *analyzed.plan.execution_ms;
    if (analyzed.plan.planning_ms) entry["planning_ms"] = *analyzed.plan.planning_ms;
    out.push_back(std::move(entry));
  }
  return {{"plans", out}};
}

}  // namespace dbarch::report
