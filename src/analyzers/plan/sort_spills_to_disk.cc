#include <fmt/format.h>

#include "analyzers/plan/plan_check.h"

namespace dbarch::analyzers::plan {
namespace {

void Check(const PlanContext& context, const model::PlanNode& node, Findings* out) {
  if (node.sort_space_type != "Disk" || !node.sort_space_used_kb) return;
  // An in-memory sort needs more than the temp file it wrote (tuples carry overhead in memory): about twice.
  const double needed_kb = *node.sort_space_used_kb * 2;
  const auto work_mem = context.plan.settings.find("work_mem");
  out->push_back(MakeFinding(
      kSortSpillsToDisk, node,
      fmt::format("{} sorted on disk ({}, {} written)", Describe(node), node.sort_method, Kb(*node.sort_space_used_kb)),
      "The sort did not fit work_mem and wrote temporary files. Raise work_mem for this query (SET LOCAL in its "
      "transaction) or the role that runs it, rather than globally: every sort and hash of every connection may use "
      "that much. An index that returns rows in the needed order avoids the sort altogether.",
      {fmt::format("sort method: {}, disk: {}", node.sort_method, Kb(*node.sort_space_used_kb)),
       work_mem == context.plan.settings.end() ? "work_mem: not shown (EXPLAIN (SETTINGS) shows it)"
                                               : "work_mem: " + work_mem->second},
      fmt::format("SET LOCAL work_mem = '{}';", WorkMemFor(needed_kb))));
}

}  // namespace

const PlanCheck kSortSpillsToDisk{"plan/sort-spills-to-disk", Severity::kWarning, Check};

}  // namespace dbarch::analyzers::plan
