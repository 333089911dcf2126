#include <fmt/format.h>

#include "analyzers/plan/plan_check.h"

namespace dbarch::analyzers::plan {
namespace {

void Check(const PlanContext& context, const model::PlanNode& node, Findings* out) {
  if (node.parent_relationship != "SubPlan" || node.actual_loops.value_or(0) < 1000) return;
  const double loops = *node.actual_loops;
  std::vector<std::string> evidence = {fmt::format("{} ran {} times", node.subplan_name, Rows(loops))};
  if (auto total = context.InclusiveMs(node)) evidence.push_back(fmt::format("{} in all", Ms(*total)));
  out->push_back(MakeFinding(
      kSubplanReExecuted, node, fmt::format("{} ran once per outer row ({} times)", Describe(node), Rows(loops)),
      "A correlated subquery is planned as a SubPlan and executed for every row of the outer query. Rewritten as a "
      "join (or EXISTS / LEFT JOIN LATERAL with an aggregate), the planner can process it set-wise with a hash or "
      "merge join. `dbarch lint` (query/correlated-subquery) points at the statement.",
      std::move(evidence)));
}

}  // namespace

const PlanCheck kSubplanReExecuted{"plan/subplan-re-executed", Severity::kWarning, Check};

}  // namespace dbarch::analyzers::plan
