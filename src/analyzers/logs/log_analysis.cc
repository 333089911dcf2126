#include "analyzers/logs/log_analysis.h"

#include <algorithm>
#include <memory>
#include <thread>

#include "analyzers/logs/log_aggregate.h"
#include "sql/parser.h"

namespace dbarch::analyzers::logs {

Result<LogSummary> AnalyzeLogs(const std::vector<std::string>& paths, const LogAnalysisOptions& options) {
  int jobs = options.jobs > 0 ? options.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::unique_ptr<LogAggregate>> aggregates;
  std::vector<sources::logs::LogConsumer*> consumers;
  for (int i = 0; i < jobs; ++i) {
    aggregates.push_back(std::make_unique<LogAggregate>(paths));
    consumers.push_back(aggregates.back().get());
  }
  sources::logs::LogReadOptions read;
  read.prefix = options.prefix;
  read.jobs = jobs;
  read.chunk_bytes = options.chunk_bytes;
  read.progress = options.progress;
  auto files = sources::logs::ReadLogs(paths, read, consumers);
  if (!files.ok()) return files.status();
  for (size_t i = 1; i < aggregates.size(); ++i) aggregates[0]->Merge(std::move(*aggregates[i]));
  LogSummary summary = aggregates[0]->TakeSummary();
  summary.files = std::move(files).value();
  for (const auto& file : summary.files) {
    summary.bytes += file.bytes;
    summary.lines += file.lines;
  }

  for (QueryGroup& q : summary.queries) {
    if (q.parsed) {
      if (auto normalized = sql::Normalize(q.example); normalized.ok()) q.normalized = std::move(normalized).value();
    }
    if (!options.show_literals) {
      // Literals may be personal data: the normalized text stands in for the example.
      q.example = q.normalized.empty() ? "(statement not parsed; shown with --show-literals)" : q.normalized;
      if (!q.example_parameters.empty()) q.example_parameters = "(masked; shown with --show-literals)";
    }
  }
  std::sort(summary.queries.begin(), summary.queries.end(), [](const QueryGroup& a, const QueryGroup& b) {
    if (a.total_us != b.total_us) return a.total_us > b.total_us;
    if (a.count != b.count) return a.count > b.count;
    return a.fingerprint < b.fingerprint;
  });
  if (!options.show_literals) {
    for (Deadlock& deadlock : summary.deadlocks) {
      for (std::string& process : deadlock.processes) {
        // "Process 123: UPDATE … WHERE id = 5" → the statement normalized.
        const size_t colon = process.find(": ");
        if (process.rfind("Process ", 0) != 0 && process.rfind("STATEMENT: ", 0) != 0) continue;
        if (colon == std::string::npos || process.find(" waits for ") != std::string::npos) continue;
        auto normalized = sql::Normalize(process.substr(colon + 2));
        process = process.substr(0, colon + 2) + (normalized.ok() ? *normalized : std::string("(masked)"));
      }
    }
    for (ErrorGroup& error : summary.errors) {
      if (error.example_statement.empty()) continue;
      auto normalized = sql::Normalize(error.example_statement);
      error.example_statement = normalized.ok() ? *normalized : "(masked)";
    }
  }
  std::sort(summary.locks.begin(), summary.locks.end(), [](const LockSummary& a, const LockSummary& b) {
    if (a.waiting != b.waiting) return a.waiting > b.waiting;
    return std::tie(a.mode, a.object) < std::tie(b.mode, b.object);
  });
  std::sort(summary.maintenance.begin(), summary.maintenance.end(), [](const TableMaintenance& a, const TableMaintenance& b) {
    if (a.vacuums + a.analyzes != b.vacuums + b.analyzes) return a.vacuums + a.analyzes > b.vacuums + b.analyzes;
    return a.table < b.table;
  });
  std::sort(summary.errors.begin(), summary.errors.end(), [](const ErrorGroup& a, const ErrorGroup& b) {
    if (a.count != b.count) return a.count > b.count;
    return std::tie(a.severity, a.sqlstate, a.pattern) < std::tie(b.severity, b.sqlstate, b.pattern);
  });
  return summary;
}

}  // namespace dbarch::analyzers::logs
