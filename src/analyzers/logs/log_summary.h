// What `dbarch logs` finds in PostgreSQL logs: query groups (by libpg_query fingerprint) with their
// execution statistics, and the summaries of the other events a server logs. Built by log_analysis.h,
// rendered by report/log_text.h, turned into the workload model by log_workload.h.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sources/logs/log_reader.h"

namespace dbarch::analyzers::logs {

// Upper bounds of the duration histogram's buckets in ms; the last bucket is everything above.
inline constexpr std::array<double, 5> kHistogramBounds = {1, 10, 100, 1000, 10000};
using DurationHistogram = std::array<int64_t, kHistogramBounds.size() + 1>;
int HistogramBucket(double ms);
std::string HistogramLabel(int bucket);  // "<1ms", "1-10ms", …, ">=10s"

struct QueryGroup {
  std::string fingerprint;       // libpg_query's; "unparsed:<hash>" for statements that did not parse
  bool parsed = true;
  std::string normalized;        // the example with constants as $n (libpg_query), "" when unparsed
  std::string example;           // the slowest execution as logged (literals: shown only with --show-literals)
  std::string example_parameters;  // its bind parameters ("$1 = '42', …"), from DETAIL
  double example_ms = 0;
  std::string example_location;  // file:line
  std::string example_database, example_user;
  int64_t count = 0;             // executions (statement/execute lines, with or without a duration)
  int64_t timed = 0;             // executions with a duration
  int64_t total_us = 0, min_us = 0, max_us = 0;
  double p50_ms = 0, p95_ms = 0, p99_ms = 0;  // from the duration sketch: within ±1%
  DurationHistogram histogram{};
  int64_t prepare_us = 0;        // parse and bind time of the extended protocol (not in total)
  int64_t plans = 0;             // auto_explain plans logged for it
  double plan_rows = 0;          // rows its logged plans returned (actual rows × loops of the top node)
  std::string slowest_plan;      // the slowest logged plan's text
  double slowest_plan_ms = 0;
  int64_t temp_files = 0;
  double temp_bytes = 0;
  int64_t lock_waits = 0;
  int64_t errors = 0;
  double mean_ms() const { return timed > 0 ? static_cast<double>(total_us) / 1000.0 / static_cast<double>(timed) : 0; }
};

struct LockSummary {
  std::string mode, object;  // "ShareLock", "transaction"
  int64_t waiting = 0, acquired = 0;
  double total_wait_ms = 0, max_wait_ms = 0;  // from "acquired … after N ms"
};

struct Deadlock {
  std::string timestamp, location;
  std::vector<std::string> processes;  // "Process 11534: UPDATE …" lines from DETAIL, or the STATEMENT
};

struct CheckpointSummary {
  std::map<std::string, int64_t> reasons;  // "time", "wal", "immediate force wait", …
  int64_t complete = 0;
  double buffers = 0, write_s = 0, sync_s = 0, total_s = 0, max_total_s = 0, distance_kb = 0;
};

struct TableMaintenance {
  std::string table;
  int64_t vacuums = 0, analyzes = 0;
  double elapsed_s = 0, tuples_removed = 0;
};

struct ConnectionSummary {
  int64_t received = 0, authorized = 0, disconnections = 0;
  double session_s = 0, max_session_s = 0;
  std::map<std::string, int64_t> by_user_database;  // "user@database" of authorized connections
  std::map<std::string, int64_t> by_application;
};

struct ErrorGroup {
  std::string severity, sqlstate, pattern;  // sqlstate "" when the log does not carry it (%e, csv, json do)
  int64_t count = 0;
  std::string example_statement, first_location;
};

struct MalformedSample {
  std::string location, reason;
};

struct LogSummary {
  std::vector<sources::logs::LogFileInfo> files;
  int64_t bytes = 0, lines = 0, records = 0;
  std::string first_timestamp, last_timestamp;
  std::map<std::string, int64_t> severities;

  std::vector<QueryGroup> queries;  // by total time, then count
  int64_t query_count = 0, timed_count = 0, total_us = 0;
  DurationHistogram histogram{};
  double p50_ms = 0, p95_ms = 0, p99_ms = 0;
  int64_t unmatched_durations = 0;  // "duration: N ms" lines whose statement was not seen
  int64_t overflow_count = 0, overflow_us = 0;  // queries beyond the group limit

  std::vector<LockSummary> locks;
  int64_t deadlock_count = 0;
  std::vector<Deadlock> deadlocks;  // the first few
  int64_t temp_files = 0, temp_files_without_statement = 0;
  double temp_bytes = 0, max_temp_bytes = 0;
  CheckpointSummary checkpoints;
  std::vector<TableMaintenance> maintenance;  // autovacuum/autoanalyze per table, by elapsed time
  ConnectionSummary connections;
  std::vector<ErrorGroup> errors;             // by count
  std::map<std::string, int64_t> errors_by_sqlstate;

  int64_t malformed = 0;
  std::vector<MalformedSample> malformed_samples;  // the first few
};

}  // namespace dbarch::analyzers::logs
