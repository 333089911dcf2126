#include <fmt/format.h>

#include "analyzers/plan/plan_check.h"

namespace dbarch::analyzers::plan {
namespace {

// Partitions of one table are usually named <table>_<suffix>: the common prefix of the scanned relations.
std::string CommonPrefix(const std::vector<std::string>& names) {
  if (names.empty()) return "";
  std::string prefix = names.front();
  for (const std::string& name : names) {
    size_t i = 0;
    while (i < prefix.size() && i < name.size() && prefix[i] == name[i]) ++i;
    prefix.resize(i);
  }
  while (!prefix.empty() && (prefix.back() == '_' || std::isdigit(static_cast<unsigned char>(prefix.back())))) {
    prefix.pop_back();
  }
  return prefix;
}

void Check(const PlanContext&, const model::PlanNode& node, Findings* out) {
  if (node.node_type != "Append" && node.node_type != "Merge Append") return;
  if (node.subplans_removed && *node.subplans_removed > 0) return;
  std::vector<std::string> relations;
  std::string filter;
  for (const model::PlanNode& child : node.children) {
    if (child.relation.empty() || child.filter.empty()) return;  // not every member filtered: nothing to prune
    if (!filter.empty() && child.filter != filter) return;       // a UNION ALL of different queries
    filter = child.filter;
    relations.push_back(child.relation);
  }
  if (relations.size() < 4) return;
  const std::string parent = CommonPrefix(relations);
  if (parent.size() < 2) return;
  out->push_back(MakeFinding(
      kNoPartitionPruning, node,
      fmt::format("{} scans all {} partitions of {} with the same filter", Describe(node), relations.size(), parent),
      "Partition pruning needs a condition on the partition key that the planner can compare with the partition "
      "bounds: the key itself (not a function or cast of it) against a constant, a parameter, or a stable expression. "
      "Rewrite the condition on the key (e.g. `created_at >= $1 AND created_at < $2` instead of "
      "`date_trunc('day', created_at) = $1`), or partition by what the queries filter on.",
      {"filter on every partition: " + filter, fmt::format("partitions scanned: {}", relations.size())}));
}

}  // namespace

const PlanCheck kNoPartitionPruning{"plan/no-partition-pruning", Severity::kWarning, Check};

}  // namespace dbarch::analyzers::plan
