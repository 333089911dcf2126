// PostgreSQL log analysis, the engine of `dbarch logs`: reads the files in parallel (sources/logs) and
// aggregates as it streams — per worker thread, merged at the end — so memory depends on the number of
// distinct queries (capped), never on the size of the log.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "analyzers/logs/log_summary.h"
#include "dbarch/status.h"

namespace dbarch::analyzers::logs {

struct LogAnalysisOptions {
  std::string prefix;    // log_line_prefix; "" = detect
  int jobs = 0;          // worker threads; 0 = hardware threads
  bool show_literals = false;  // keep the examples' literals and parameters (else masked)
  size_t chunk_bytes = 4u << 20;
  std::function<void(int64_t done, int64_t total)> progress;
};

Result<LogSummary> AnalyzeLogs(const std::vector<std::string>& paths, const LogAnalysisOptions& options);

}  // namespace dbarch::analyzers::logs
