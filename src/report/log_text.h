// `dbarch logs` output: the log analysis as a text summary (the top queries by total time with their
// statistics, histogram and example, then locks, deadlocks, temporary files, checkpoints, autovacuum,
// connections, errors and unreadable lines) and as JSON (docs/logs.md lists the fields).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "analyzers/logs/log_summary.h"

namespace dbarch::report {

// `top` limits the queries (and the per-table maintenance and error lists) shown; 0 = all.
std::string LogSummaryText(const analyzers::logs::LogSummary& summary, size_t top);
nlohmann::json LogSummaryJson(const analyzers::logs::LogSummary& summary, size_t top);

}  // namespace dbarch::report
