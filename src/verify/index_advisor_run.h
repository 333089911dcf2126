// Running the index advisor on the scratch environment: statements and candidates from the workload,
// selection by what-if costs (HypoPG), drops from the catalog and live statistics, then the proof — the
// chosen indexes built for real on the synthetic data and every statement they help timed before and after.
// An index none of whose statements measured faster is moved to IndexAdvice::rejected.
#pragma once

#include <functional>
#include <string>

#include "analyzers/index_advisor.h"
#include "model/catalog.h"
#include "model/statistics.h"
#include "model/workload.h"
#include "verify/scratch_environment.h"
#include "verify/timed_run.h"

namespace dbarch::verify {

struct IndexAdvisorRunOptions {
  analyzers::IndexAdvisorOptions advisor;
  const model::Statistics* live = nullptr;  // a live database's statistics (unused indexes, shapes), or nullptr
  bool measure = true;                      // build the picks for real and time them
  TimingOptions timing;
  // A measured gain counts when the median falls by at least this fraction and below the spread of "before".
  double min_measured_gain = 0.1;
  std::function<void(const std::string& stage, int64_t done, int64_t total)> progress;
  std::function<void(const std::string& line)> trace;  // the search step by step (SelectionOptions::trace)
};

analyzers::IndexAdvice AdviseIndexes(ScratchEnvironment& environment, const model::Catalog& catalog,
                                     const model::Workload& workload, const IndexAdvisorRunOptions& options);

// Without a scratch cluster nothing can be costed: only the drops, and the reason in not_run_reason.
analyzers::IndexAdvice AdviseIndexDropsOnly(const model::Catalog& catalog, const model::Statistics* live,
                                            const std::string& reason);

}  // namespace dbarch::verify
