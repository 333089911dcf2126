// One worker thread's share of the log analysis: every record of its chunks folded into counters as it
// arrives (nothing per record is kept), and merged with the other threads' at the end. Query texts are
// grouped by libpg_query fingerprint; a statement's shape (its text with literals and blanks skipped) is
// hashed first and remembered, so libpg_query parses each distinct shape once, not every execution.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyzers/logs/duration_sketch.h"
#include "analyzers/logs/log_summary.h"
#include "sources/logs/log_reader.h"

namespace dbarch::analyzers::logs {

// Bounds that keep memory independent of the log: beyond them, new keys are counted but not listed.
inline constexpr size_t kMaxQueryGroups = 20000;
inline constexpr size_t kMaxShapeCache = 200000;
inline constexpr size_t kMaxErrorGroups = 1000;
inline constexpr size_t kMaxTables = 10000;
inline constexpr size_t kMaxSamples = 20;
inline constexpr size_t kMaxExampleBytes = 16384;

// A hash of the statement with literals (numbers, quoted strings) and runs of blanks skipped: statements
// with equal hashes differ only in what libpg_query's fingerprint ignores.
uint64_t StatementShapeHash(std::string_view sql);

class LogAggregate : public sources::logs::LogConsumer {
 public:
  explicit LogAggregate(std::vector<std::string> file_names) : files_(std::move(file_names)) {}

  void OnRecord(int file, const sources::logs::LogRecord& record) override;
  void OnMalformed(int file, const sources::logs::MalformedLine& line) override;
  void OnChunkStart() override { pending_by_pid_.clear(); }

  void Merge(LogAggregate&& other);
  // The summary (groups unsorted, no normalization yet: log_analysis finishes it).
  LogSummary TakeSummary();

 private:
  struct Group {
    QueryGroup summary;
    DurationSketch sketch;
    int64_t example_file = 0, example_line = 0;
  };
  struct ErrorKey {
    std::string severity, sqlstate, pattern;
    bool operator==(const ErrorKey&) const = default;
  };
  struct ErrorKeyHash {
    size_t operator()(const ErrorKey& k) const {
      return std::hash<std::string>()(k.severity) ^ (std::hash<std::string>()(k.sqlstate) << 1) ^
             (std::hash<std::string>()(k.pattern) << 2);
    }
  };

  // The group of a statement (creating it), or -1 past the group limit.
  int GroupOf(std::string_view sql);
  void AddExecution(int group, std::string_view sql, const sources::logs::LogRecord& record, int file,
                    const double* ms);
  void AddPlan(std::string_view plan, double ms, const sources::logs::LogRecord& record, int file);
  std::string Location(int file, int64_t line) const;

  std::vector<std::string> files_;
  std::vector<Group> groups_;
  std::unordered_map<std::string, int> group_by_fingerprint_;
  std::unordered_map<uint64_t, int> group_by_shape_;
  std::unordered_map<int64_t, int> pending_by_pid_;  // statement logged before its "duration: N ms" line

  LogSummary summary_;  // the counters that are not per group
  DurationSketch sketch_;
  std::unordered_map<std::string, LockSummary> locks_;
  std::unordered_map<std::string, TableMaintenance> tables_;
  struct ErrorState {
    ErrorGroup group;
    int64_t file = 0, line = 0;  // of the first occurrence (the example)
  };
  std::unordered_map<ErrorKey, ErrorState, ErrorKeyHash> errors_;
  std::vector<std::pair<std::pair<int64_t, int64_t>, Deadlock>> deadlocks_;       // (file, line) → deadlock
  std::vector<std::pair<std::pair<int64_t, int64_t>, MalformedSample>> malformed_;  // (file, line) → sample
};

}  // namespace dbarch::analyzers::logs
