// Proves a configuration on the application's own statements: the workload replayed on two scratch
// environments (verify/scratch_environment.h) that differ only in configuration — the same schema and the
// same synthetic data (same seed and row counts), the same production-like durability
// (verify/applied_settings.h), one with PostgreSQL's defaults for the tuned settings and one with the
// recommended values. On each, every statement is planned and timed as the report's query section does it
// (verify/workload_check.h: sampled parameters, warm-up, repetitions, writes rolled back), and the settings
// are read back from pg_settings to prove they took effect. The environments run one after the other, each
// stopped before the next starts, so they never compete for the machine.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dbarch/status.h"
#include "model/catalog.h"
#include "model/workload.h"
#include "verify/scratch_environment.h"
#include "verify/timed_run.h"

namespace dbarch::verify {

struct WorkloadBenchmarkOptions {
  // Cluster location and data (rows, scale, seed, live statistics to imitate); the configuration's settings
  // are added to environment.cluster.settings for each run.
  ScratchEnvironmentOptions environment;
  TimingOptions timing;
  // "defaults: loading data" 40/100 …; may be empty.
  std::function<void(const std::string& stage, int64_t done, int64_t total)> progress;
};

// One statement on one configuration.
struct StatementMeasurement {
  bool planned = false;
  std::string error;  // why it could not be planned
  double total_cost = 0;
  std::optional<TimingSummary> timing;
  std::string timing_error;  // why it could not be timed (when planned)
  // The plan the timed runs executed (custom, with the sampled parameters), else the planned one.
  std::string plan;
  double mean_ms() const;    // 0 without timing
};

// True when both configurations have a plan and the plans differ: the usual reason a setting changes a
// statement's time (random_page_cost, effective_cache_size and work_mem act through the plan).
bool PlanChanged(const StatementMeasurement& baseline, const StatementMeasurement& tuned);

struct StatementComparison {
  std::string fingerprint;
  std::string label;      // `-- name:` when given
  std::string location;   // first occurrence, "file:line:col"
  std::string text;       // as written
  model::StatementKind kind = model::StatementKind::kOther;
  double calls = 1;
  StatementMeasurement baseline, tuned;
};

struct WorkloadConfigurationRun {
  std::string label;                              // "PostgreSQL defaults", "recommended"
  std::map<std::string, std::string> settings;    // what was asked for
  std::map<std::string, std::string> applied;     // as the running server reported them
  double seconds = 0;                             // environment built and workload replayed
};

struct WorkloadBenchmark {
  WorkloadConfigurationRun baseline, tuned;
  std::vector<StatementComparison> statements;  // in workload order
  int warmup = 0, repetitions = 0;
  int64_t total_rows = 0;  // loaded into each environment
  uint64_t seed = 0;
  std::vector<std::string> notes;  // what the scratch copy had to leave out
};

// Builds both environments one after the other and replays `workload` on each. kUnavailable when an
// environment cannot be built (the cluster does not start with a configuration, the schema or data cannot be
// loaded); a statement that cannot be planned or timed is kept with its error instead.
Result<WorkloadBenchmark> BenchmarkWorkload(const model::Catalog& catalog, const model::Workload& workload,
                                            const std::map<std::string, std::string>& baseline,
                                            const std::map<std::string, std::string>& tuned,
                                            const WorkloadBenchmarkOptions& options);

// Differences smaller than this share of the baseline are measurement noise, not an effect of the settings.
inline constexpr double kTimingNoiseShare = 0.05;
// …and so are differences smaller than this, whatever the share: statements that run in microseconds move by
// tens of them with the scheduler and the timer on a busy machine (and a client's round trip dwarfs them).
inline constexpr double kTimingNoiseFloorMs = 0.02;

enum class TimingVerdict {
  kFaster,       // the tuned median is below the baseline's by more than the noise, and the runs do not overlap
  kSlower,
  kNoise,        // within kTimingNoiseShare or kTimingNoiseFloorMs, or the interquartile ranges overlap
  kNotCompared,  // not timed on one of the configurations
};
TimingVerdict CompareTimings(const StatementMeasurement& baseline, const StatementMeasurement& tuned);
std::string_view TimingVerdictName(TimingVerdict verdict);  // "faster", "slower", "noise", "not compared"

// Mean time × calls summed over the statements timed on both configurations: the time the workload spends
// per "round" of its stated frequencies. Statements timed on only one side are counted in `left_out`.
struct CallWeightedTotals {
  double baseline_ms = 0, tuned_ms = 0;
  int compared = 0, left_out = 0;
};
CallWeightedTotals WeightedTotals(const std::vector<StatementComparison>& statements);

}  // namespace dbarch::verify
