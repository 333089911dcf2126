#include "verify/workload_config_benchmark.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <numeric>

#include <fmt/format.h>

#include "verify/applied_settings.h"
#include "verify/workload_check.h"

namespace dbarch::verify {

namespace {

// The environment holds what-if sessions, a timing session and the data loader's session at once.
constexpr int kConnectionsNeeded = 20;

StatementMeasurement FromCheck(const QueryCheck& check) {
  StatementMeasurement m;
  m.planned = check.planned;
  m.error = check.error;
  m.total_cost = check.total_cost;
  m.timing = check.timing;
  m.timing_error = check.timing_error;
  m.plan = check.timing && !check.timing->executed_plan.empty() ? check.timing->executed_plan : check.plan_outline;
  return m;
}

struct ReplayedRun {
  WorkloadConfigurationRun run;
  WorkloadCheck check;
  int64_t total_rows = 0;
  std::vector<std::string> notes;
};

Result<ReplayedRun> Replay(const std::string& label, std::map<std::string, std::string> settings,
                           const model::Catalog& catalog, const model::Workload& workload,
                           const WorkloadBenchmarkOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  ReplayedRun out;
  out.run.label = label;
  out.run.settings = settings;
  ScratchEnvironmentOptions environment_options = options.environment;
  ApplyConfiguration(settings, &environment_options.cluster);
  auto stage = [&](const std::string& what, int64_t done, int64_t total) {
    if (options.progress) options.progress(fmt::format("workload replay, {}: {}", label, what), done, total);
  };
  environment_options.progress = stage;
  // Scoped so the cluster is stopped and removed before the next configuration's starts.
  auto environment = ScratchEnvironment::Prepare(catalog, environment_options);
  if (!environment.ok()) {
    return Status::Unavailable(fmt::format("the scratch environment with the {} settings could not be built: {}",
                                           label, environment.status().message()));
  }
  // Read back what the server runs with: proof the configuration took effect, not just that it was written.
  {
    auto connection = (*environment)->Connect();
    if (!connection.ok()) return connection.status();
    auto applied = ReadAppliedSettings(*connection, settings);
    if (!applied.ok()) return applied.status();
    out.run.applied = std::move(applied).value();
  }
  WorkloadCheckOptions check_options;
  check_options.measure = true;
  check_options.timing = options.timing;
  check_options.progress = [&](int64_t done, int64_t total) { stage("planning and timing statements", done, total); };
  out.check = CheckWorkload(**environment, workload, check_options);
  out.total_rows = (*environment)->data().total_rows;
  out.notes = (*environment)->notes();
  for (const auto& note : (*environment)->data().notes) out.notes.push_back(note);
  Status stopped = (*environment)->cluster().Stop();
  if (!stopped.ok()) return stopped;
  out.run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return out;
}

}  // namespace

double StatementMeasurement::mean_ms() const {
  if (!timing || timing->samples_ms.empty()) return 0;
  return std::accumulate(timing->samples_ms.begin(), timing->samples_ms.end(), 0.0) /
         static_cast<double>(timing->samples_ms.size());
}

Result<WorkloadBenchmark> BenchmarkWorkload(const model::Catalog& catalog, const model::Workload& workload,
                                            const std::map<std::string, std::string>& baseline,
                                            const std::map<std::string, std::string>& tuned,
                                            const WorkloadBenchmarkOptions& options) {
  auto with_room = [](std::map<std::string, std::string> settings) {
    auto it = settings.find("max_connections");
    if (it != settings.end() && std::atoi(it->second.c_str()) < kConnectionsNeeded) {
      it->second = std::to_string(kConnectionsNeeded);
    }
    return settings;
  };
  auto base = Replay("PostgreSQL defaults", with_room(baseline), catalog, workload, options);
  if (!base.ok()) return base.status();
  auto recommended = Replay("recommended", with_room(tuned), catalog, workload, options);
  if (!recommended.ok()) return recommended.status();

  WorkloadBenchmark out;
  out.baseline = std::move(base->run);
  out.tuned = std::move(recommended->run);
  out.warmup = options.timing.warmup;
  out.repetitions = options.timing.repetitions;
  out.total_rows = base->total_rows;
  out.seed = options.environment.data.seed;
  out.notes = std::move(base->notes);
  for (size_t i = 0; i < workload.queries.size(); ++i) {
    const model::Query& query = workload.queries[i];
    StatementComparison s;
    s.fingerprint = query.fingerprint;
    s.label = query.label;
    if (!query.occurrences.empty()) s.location = query.occurrences.front().ToString();
    s.text = query.text;
    s.kind = query.kind;
    s.calls = query.calls;
    if (i < base->check.queries.size()) s.baseline = FromCheck(base->check.queries[i]);
    if (i < recommended->check.queries.size()) s.tuned = FromCheck(recommended->check.queries[i]);
    out.statements.push_back(std::move(s));
  }
  return out;
}

bool PlanChanged(const StatementMeasurement& baseline, const StatementMeasurement& tuned) {
  return !baseline.plan.empty() && !tuned.plan.empty() && baseline.plan != tuned.plan;
}

TimingVerdict CompareTimings(const StatementMeasurement& baseline, const StatementMeasurement& tuned) {
  if (!baseline.timing || !tuned.timing || baseline.timing->runs == 0 || tuned.timing->runs == 0) {
    return TimingVerdict::kNotCompared;
  }
  const TimingSummary& b = *baseline.timing;
  const TimingSummary& t = *tuned.timing;
  const double difference = std::abs(t.median_ms - b.median_ms);
  if (difference <= kTimingNoiseShare * b.median_ms || difference < kTimingNoiseFloorMs) return TimingVerdict::kNoise;
  // Overlapping interquartile ranges: the runs of one configuration are as spread as the difference.
  if (t.p25_ms <= b.p75_ms && b.p25_ms <= t.p75_ms) return TimingVerdict::kNoise;
  return t.median_ms < b.median_ms ? TimingVerdict::kFaster : TimingVerdict::kSlower;
}

std::string_view TimingVerdictName(TimingVerdict verdict) {
  switch (verdict) {
    case TimingVerdict::kFaster: return "faster";
    case TimingVerdict::kSlower: return "slower";
    case TimingVerdict::kNoise: return "noise";
    case TimingVerdict::kNotCompared: return "not compared";
  }
  return "not compared";
}

CallWeightedTotals WeightedTotals(const std::vector<StatementComparison>& statements) {
  CallWeightedTotals totals;
  for (const auto& s : statements) {
    const bool both = s.baseline.timing && s.tuned.timing && s.baseline.timing->runs > 0 && s.tuned.timing->runs > 0;
    if (!both) {
      ++totals.left_out;
      continue;
    }
    ++totals.compared;
    totals.baseline_ms += s.calls * s.baseline.mean_ms();
    totals.tuned_ms += s.calls * s.tuned.mean_ms();
  }
  return totals;
}

}  // namespace dbarch::verify
