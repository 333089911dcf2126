// Parallel query. Parallel workers speed up one large scan but compete with concurrent sessions for the
// same cores, so short-statement workloads get few per query and a warehouse gets up to half the cores.
#include <algorithm>

#include <fmt/format.h>

#include "analyzers/tune/tune_internal.h"

namespace dbarch::analyzers::tune {

namespace {

int WorkersPerGather(const TuneContext& c) {
  const int half = c.Cpus() / 2;
  switch (c.Class()) {
    case WorkloadClass::kWeb:
    case WorkloadClass::kOltp: return std::min(2, half);
    case WorkloadClass::kMixed: return std::min(4, half);
    case WorkloadClass::kWarehouse: return std::min(8, half);
  }
  return std::min(2, half);
}

}  // namespace

int ParallelWorkers(const TuneContext& c) { return c.Cpus() < 2 ? 0 : c.Cpus(); }

void AddParallelSettings(const TuneContext& c, TuneAdvice& advice) {
  if (c.Cpus() < 2) {
    AddSetting(advice, "max_parallel_workers_per_gather", "0", "parallelism",
               fmt::format("{}: parallel workers would only take turns on the one core", c.CpuFact()), "2");
    AddSetting(advice, "max_parallel_maintenance_workers", "0", "parallelism",
               fmt::format("{}: nothing to parallelize index builds on", c.CpuFact()), "2");
    return;
  }
  if (c.Cpus() > 8) {
    AddSetting(advice, "max_worker_processes", std::to_string(c.Cpus()), "parallelism",
               fmt::format("{}: the pool parallel workers (and logical replication, extensions) are taken from; "
                           "the default 8 would cap parallelism below the core count",
                           c.CpuFact()),
               "8", true);
  }
  AddSetting(advice, "max_parallel_workers", std::to_string(ParallelWorkers(c)), "parallelism",
             fmt::format("{}: at most one parallel worker per core across all queries", c.CpuFact()), "8");
  const int per_gather = WorkersPerGather(c);
  AddSetting(advice, "max_parallel_workers_per_gather", std::to_string(per_gather), "parallelism",
             fmt::format("{} of {} for the {} workload: {}", per_gather, c.CpuFact(), WorkloadClassName(c.Class()),
                         c.Class() == WorkloadClass::kWarehouse
                             ? "long scans and aggregates gain most from parallel workers"
                             : "concurrent sessions need the cores more than one query's scan does"),
             "2");
  const int maintenance = std::min(4, c.Cpus() / 2);
  AddSetting(advice, "max_parallel_maintenance_workers", std::to_string(maintenance), "parallelism",
             fmt::format("CREATE INDEX on a large table sorts with up to {} workers (half of {}, at most 4)",
                         maintenance, c.CpuFact()),
             "2");
}

}  // namespace dbarch::analyzers::tune
