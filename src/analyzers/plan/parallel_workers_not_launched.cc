#include <fmt/format.h>

#include "analyzers/plan/plan_check.h"

namespace dbarch::analyzers::plan {
namespace {

void Check(const PlanContext&, const model::PlanNode& node, Findings* out) {
  if (!node.workers_planned || !node.workers_launched || *node.workers_launched >= *node.workers_planned) return;
  out->push_back(MakeFinding(
      kParallelWorkersNotLaunched, node,
      fmt::format("{} planned {} parallel workers but got {}", Describe(node), *node.workers_planned, *node.workers_launched),
      "The plan's cost assumed the work would be shared; with fewer workers the leader does the rest alone. Workers "
      "come from max_parallel_workers (and max_worker_processes), shared by all sessions: raise them, or lower "
      "max_parallel_workers_per_gather so plans expect what the server can give.",
      {fmt::format("Workers Planned: {}, Workers Launched: {}", *node.workers_planned, *node.workers_launched)},
      "-- postgresql.conf (max_worker_processes needs a restart)\nALTER SYSTEM SET max_parallel_workers = 8;\n"
      "ALTER SYSTEM SET max_worker_processes = 16;"));
}

}  // namespace

const PlanCheck kParallelWorkersNotLaunched{"plan/parallel-workers-not-launched", Severity::kWarning, Check};

}  // namespace dbarch::analyzers::plan
