// The shape of one health check: a stable id, a one-line summary, and a function that reads the snapshot and
// appends findings. Each check lives in its own file in this folder and is listed once in registry.cc.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "analyzers/health.h"

namespace dbarch::analyzers::health {

struct HealthCheck {
  std::string_view id;       // "health/idle-in-transaction"
  std::string_view summary;  // one line, for docs and --format md
  void (*run)(const HealthCheck& self, const sources::HealthSnapshot& snapshot, const HealthThresholds& limits,
              Findings* out);

  Finding NewFinding(Severity severity, std::string object, std::string message) const;
};

// Formatting shared by the checks' messages and evidence.
std::string Bytes(double bytes);          // "512 kB", "1.5 GB"
std::string Count(double n);              // 1234567 → "1,234,567"
std::string Percent(double ratio);        // 0.9995 → "99.95%"
std::string Duration(double seconds);     // "42 s", "12 min", "3.5 h", "2.1 days"
std::string Identifier(std::string_view name);                           // quoted where SQL needs it
std::string Qualified(std::string_view schema, std::string_view name);  // quoted where SQL needs it
std::string Literal(std::string_view text);                             // 'it''s'
std::string Shorten(std::string_view query, size_t max = 200);           // one line, cut with "…"

// One accessor per check, defined in the file named after it.
const HealthCheck& LongRunningQueryCheck();
const HealthCheck& IdleInTransactionCheck();
const HealthCheck& BlockedQueriesCheck();
const HealthCheck& XidWraparoundCheck();
const HealthCheck& MultixactWraparoundCheck();
const HealthCheck& SequenceExhaustionCheck();
const HealthCheck& IntegerColumnOverflowCheck();
const HealthCheck& DeadTuplesCheck();
const HealthCheck& StaleStatisticsCheck();
const HealthCheck& TableBloatCheck();
const HealthCheck& IndexBloatCheck();
const HealthCheck& InvalidIndexCheck();
const HealthCheck& DuplicateIndexCheck();
const HealthCheck& UnusedIndexCheck();
const HealthCheck& ConnectionUsageCheck();
const HealthCheck& CacheHitRatioCheck();
const HealthCheck& ReplicationLagCheck();
const HealthCheck& InactiveReplicationSlotCheck();
const HealthCheck& CheckpointFrequencyCheck();
const HealthCheck& TempFilesCheck();
const HealthCheck& DeadlocksCheck();

}  // namespace dbarch::analyzers::health
