// Every workload query planned and timed on the scratch environment, as it stands (no new indexes): the
// planner's cost, the plan's outline and the indexes it uses, and the measured execution time. This is
// the "before" every recommendation is compared with, and what the report's query section shows.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dbarch/finding.h"
#include "model/workload.h"
#include "verify/scratch_environment.h"
#include "verify/timed_run.h"
#include "verify/whatif.h"

namespace dbarch::verify {

struct QueryCheck {
  std::string fingerprint;
  bool planned = false;
  std::string error;  // why the query could not be planned
  double total_cost = 0;
  double estimated_rows = 0;
  bool generic_plan = false;
  std::string plan_outline;
  std::vector<std::string> indexes_used;
  std::optional<TimingSummary> timing;
  std::string timing_error;
  // With timing: EXPLAIN (ANALYZE, BUFFERS) with the same parameter values, read by analyzers/plan_analysis.h
  // (spills, misestimates, large filtered scans, …). plan/dominant-node is left out: every plan has one.
  std::string analyzed_plan;  // outline of the executed plan
  Findings plan_findings;
};

struct WorkloadCheck {
  std::vector<QueryCheck> queries;  // in workload order
  WhatIfCounters counters;
  double seconds = 0;
};

struct WorkloadCheckOptions {
  bool measure = true;  // timed runs besides planner costs
  TimingOptions timing;
  std::function<void(int64_t done, int64_t total)> progress;
};

WorkloadCheck CheckWorkload(ScratchEnvironment& environment, const model::Workload& workload,
                            const WorkloadCheckOptions& options = {});

}  // namespace dbarch::verify
