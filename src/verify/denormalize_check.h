// Proves a summary proposal (analyzers/denormalize.h) on the scratch environment: the materialized view is
// created on the synthetic data (or the existing one refreshed), its REFRESH … CONCURRENTLY timed and its
// size read; then the original and the rewritten query run with the same parameter values — sampled from
// the data, so range bounds fall at arbitrary times of day, not at midnight — and must return the same rows
// (verify/rewrite_check.h's digest), before planner cost and time are compared. A summary whose rewrite is not
// measurably faster is reported as not recommended, with the figures. The view is dropped afterwards, so the
// environment is left as it was.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analyzers/denormalize.h"
#include "model/workload.h"
#include "verify/rewrite_check.h"
#include "verify/scratch_environment.h"
#include "verify/timed_run.h"

namespace dbarch::verify {

struct SummaryCheck {
  std::string fingerprint;
  std::string summary_name;
  bool ran = false;
  std::string error;                 // why it could not be checked
  // Same rows:
  int samples = 0;
  bool same_rows = false;
  long long rows = 0;                // rows of the sample used for cost and time
  std::vector<std::string> parameter_sets;  // "$1 = …, $2 = …" per sample, as compared
  std::string difference;
  // Before/after, with the sample that returned the most rows:
  double cost_before = 0, cost_after = 0;
  std::string plan_before, plan_after;
  std::optional<TimingSummary> before, after;
  // Upkeep:
  double create_ms = 0;              // CREATE MATERIALIZED VIEW + unique index (0 when reused)
  double refresh_ms = 0;             // median REFRESH (CONCURRENTLY when possible)
  int refresh_runs = 0;
  long long summary_bytes = 0;       // pg_total_relation_size, indexes included
  long long summary_rows = 0;
  long long fact_rows = 0;           // rows of the fact table on the scratch data
  RewriteCheck::Verdict verdict = RewriteCheck::Verdict::kNotRun;
  bool recommended = false;          // same rows and faster
};

struct SummaryCheckOptions {
  int samples = 3;
  int refresh_runs = 3;
  TimingOptions timing;
  std::function<void(int64_t done, int64_t total)> progress;
};

// One proposal on a writable connection to a database holding the schema and data.
SummaryCheck CheckSummary(PgConnection& connection, const model::Query& query,
                          const analyzers::SummaryProposal& proposal, const SummaryCheckOptions& options = {});

std::vector<SummaryCheck> CheckSummaries(ScratchEnvironment& environment, const model::Workload& workload,
                                         const analyzers::DenormalizationAdvice& advice,
                                         const SummaryCheckOptions& options = {});

// The values tried for a parameter inside a time-window expression (`now() - make_interval(days => $1)`,
// `now() - $1::interval`) in sample `sample` (0-based): a month, about a year, about eight years.
std::string WindowParameterValue(const std::string& type, int sample);

}  // namespace dbarch::verify
