#include <fmt/format.h>

#include "analyzers/plan/plan_check.h"

namespace dbarch::analyzers::plan {
namespace {

// A plan-level check: it reports once, on the root.
void Check(const PlanContext& context, const model::PlanNode& node, Findings* out) {
  if (&node != &context.plan.root || !context.plan.jit_total_ms) return;
  const double jit = *context.plan.jit_total_ms;
  const double total = context.plan.execution_ms.value_or(0);
  if (jit < 10 || total <= 0 || jit < 0.1 * total) return;
  out->push_back(MakeFinding(
      kJitOverhead, node, fmt::format("JIT compilation took {} of {} ({:.0f} %)", Ms(jit), Ms(total), 100 * jit / total),
      "JIT pays off for long analytical queries; for queries that run in milliseconds, compiling costs more than it "
      "saves. The planner turns it on from the plan's cost (jit_above_cost), which overestimated cost can trigger. "
      "Raise jit_above_cost (and the inline/optimize thresholds) or turn JIT off for OLTP roles.",
      {fmt::format("{} functions compiled; generation {}, inlining {}, optimization {}, emission {}",
                   context.plan.jit_functions.value_or(0), Ms(context.plan.jit_generation_ms.value_or(0)),
                   Ms(context.plan.jit_inlining_ms.value_or(0)), Ms(context.plan.jit_optimization_ms.value_or(0)),
                   Ms(context.plan.jit_emission_ms.value_or(0)))},
      "ALTER SYSTEM SET jit_above_cost = 500000;  -- or, for an OLTP role: ALTER ROLE app SET jit = off;"));
}

}  // namespace

const PlanCheck kJitOverhead{"plan/jit-overhead", Severity::kWarning, Check};

}  // namespace dbarch::analyzers::plan
