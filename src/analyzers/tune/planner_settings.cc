// Planner costs and I/O concurrency from the storage, statistics depth and JIT from the workload kind.
#include <fmt/format.h>

#include "analyzers/tune/tune_internal.h"

namespace dbarch::analyzers::tune {

void AddPlannerSettings(const TuneContext& c, TuneAdvice& advice) {
  switch (c.Storage()) {
    case StorageKind::kSsd:
      AddSetting(advice, "random_page_cost", "1.1", "planner",
                 fmt::format("{}: a random read costs about what a sequential one does; the default 4 models "
                             "spinning disks and makes the planner prefer sequential scans over index scans",
                             c.StorageFact()),
                 "4");
      AddSetting(advice, "effective_io_concurrency", "200", "planner",
                 fmt::format("{} serves many reads in parallel: bitmap heap scans prefetch this many pages",
                             c.StorageFact()),
                 "1");
      break;
    case StorageKind::kNetwork:
      AddSetting(advice, "random_page_cost", "1.1", "planner",
                 fmt::format("{}: SSD-backed, random and sequential reads cost about the same per page (raise to "
                             "1.5–2 if the volume is throughput-capped)",
                             c.StorageFact()),
                 "4");
      AddSetting(advice, "effective_io_concurrency", "300", "planner",
                 fmt::format("{}: high latency per request, so many requests in flight hide it", c.StorageFact()), "1");
      break;
    case StorageKind::kHdd:
      AddSetting(advice, "effective_io_concurrency", "2", "planner",
                 fmt::format("{}: a little prefetching helps bitmap heap scans; random_page_cost stays at 4, "
                             "which models spinning disks",
                             c.StorageFact()),
                 "1");
      break;
  }
  if (c.Class() == WorkloadClass::kWarehouse) {
    AddSetting(advice, "default_statistics_target", "500", "planner",
               "analytic statements filter and join on many columns over large tables: larger samples and "
               "histograms give better row estimates (ANALYZE takes longer)",
               "100");
  }
  if (c.Class() == WorkloadClass::kWeb || c.Class() == WorkloadClass::kOltp) {
    AddSetting(advice, "jit", "off", "planner",
               fmt::format("the {} workload runs short statements; JIT compiles when a cost estimate passes "
                           "jit_above_cost (100000), which a large table reaches easily, adding milliseconds of "
                           "compilation to statements that run in less",
                           WorkloadClassName(c.Class())),
               "on");
  }
}

}  // namespace dbarch::analyzers::tune
