// Measures a configuration recommendation: pgbench with PostgreSQL's defaults against pgbench with the
// recommended settings (verify/config_benchmark.h). Used by `dbarch tune --verify` and the report.
#pragma once

#include "analyzers/tune.h"
#include "dbarch/status.h"
#include "verify/config_benchmark.h"

namespace dbarch::verify {

// The two settings maps compared: every recommended setting at its default vs its recommended value, and
// the settings a scratch cluster changes for speed (shared_buffers, checkpoint_timeout, jit, …) back at
// PostgreSQL's defaults in both. shared_preload_libraries is left to the scratch cluster.
struct BenchmarkSettings {
  std::map<std::string, std::string> baseline, tuned;
};
BenchmarkSettings SettingsToCompare(const analyzers::TuneAdvice& advice);

Result<ConfigBenchmark> BenchmarkAdvice(const analyzers::TuneAdvice& advice, const ConfigBenchmarkOptions& options);

}  // namespace dbarch::verify
