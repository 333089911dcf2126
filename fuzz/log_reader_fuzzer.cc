// libFuzzer target for PostgreSQL logs: arbitrary bytes as a log file through compression and format detection,
// log_line_prefix detection, the stderr/csvlog/jsonlog readers cut into small chunks on two threads, the message
// readers and aggregation, and both renderers. Build: see fuzz/README.md.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include "analyzers/logs/log_analysis.h"
#include "report/log_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/dbarch-log-fuzz-" + std::to_string(getpid()) + ".log";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  dbarch::analyzers::logs::LogAnalysisOptions options;
  options.jobs = 2;
  options.chunk_bytes = 256;  // many chunk boundaries even in small inputs
  auto summary = dbarch::analyzers::logs::AnalyzeLogs({path}, options);
  if (!summary.ok()) return 0;
  (void)dbarch::report::LogSummaryText(*summary, 0);
  (void)dbarch::report::LogSummaryJson(*summary, 0).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return 0;
}
