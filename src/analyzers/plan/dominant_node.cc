#include <fmt/format.h>

#include "analyzers/plan/plan_check.h"

namespace dbarch::analyzers::plan {
namespace {

void Check(const PlanContext& context, const model::PlanNode& node, Findings* out) {
  auto own = context.ExclusiveMs(node);
  if (!own || !context.total_ms || *context.total_ms <= 1) return;
  const double share = *own / *context.total_ms;
  if (share < context.options.dominant_share) return;
  std::vector<std::string> evidence = {
      fmt::format("{} of {} ({:.0f} %) is spent in this node itself", Ms(*own), Ms(*context.total_ms), share * 100)};
  if (auto rows = TotalActualRows(node)) {
    evidence.push_back(fmt::format("{} rows over {} loop(s)", Rows(*rows), Rows(node.actual_loops.value_or(1))));
  }
  out->push_back(MakeFinding(kDominantNode, node, fmt::format("{} takes {:.0f} % of the execution time", Describe(node), share * 100),
                             "Speeding up anything else cannot gain more than the remaining share; the other findings "
                             "on this node (if any) say how to make it cheaper.",
                             std::move(evidence)));
}

}  // namespace

const PlanCheck kDominantNode{"plan/dominant-node", Severity::kInfo, Check};

}  // namespace dbarch::analyzers::plan
