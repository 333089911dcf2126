// Measured execution time of a statement on the scratch cluster: warm-up runs (to load the cache, as in
// steady-state production), then repetitions, each timed by the server (EXPLAIN (ANALYZE, TIMING OFF):
// execution time without network or client cost, and without per-node timing overhead). Statements that
// write run in a transaction that is rolled back, so every repetition sees the same data. Parameters are
// filled with values sampled from the data (SampleParameters) so the plans are the custom plans a driver's
// first executions would get.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dbarch/status.h"
#include "model/workload.h"
#include "verify/pg_connection.h"

namespace dbarch::verify {

struct TimingOptions {
  int warmup = 1;
  int repetitions = 5;
};

struct TimingSummary {
  int runs = 0;
  double median_ms = 0, min_ms = 0, max_ms = 0;
  double p25_ms = 0, p75_ms = 0;  // the spread: interquartile range
  std::vector<double> samples_ms;
  std::vector<std::optional<std::string>> parameters;  // the values used for $1…
  std::string executed_plan;  // the outline of the plan the last run executed (model::Plan::Outline)
};

Result<TimingSummary> TimeStatement(PgConnection& connection, const std::string& sql,
                                    const std::vector<std::optional<std::string>>& parameters,
                                    const TimingOptions& options = {});

// Values for a statement's $n parameters: for a parameter compared with a column, a value of that column
// from a row picked by `seed` (so frequent values come up as often as they occur); LIKE patterns get a
// prefix of such a value; the rest a neutral value of the parameter's type, or of a domain's base type
// (LIMIT 10, OFFSET 0, …).
Result<std::vector<std::optional<std::string>>> SampleParameters(PgConnection& connection, const model::Query& query,
                                                                 const std::string& sql, unsigned seed = 1);

// The value at `fraction` (0.5 = median) of a sample, interpolating between neighbours; 0 for none.
double Percentile(std::vector<double> samples, double fraction);

}  // namespace dbarch::verify
