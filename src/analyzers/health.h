// `dbarch health`: judges a health snapshot of a running PostgreSQL (sources/live/health_snapshot.h) against
// thresholds and returns findings with evidence (the numbers, pids, queries, tables) and a fix (the SQL or
// setting to apply). One check per file in health/, listed once in health/registry.cc; docs/health.md
// describes each check and threshold. Analyzers never print.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dbarch/finding.h"
#include "dbarch/status.h"
#include "sources/live/health_snapshot.h"

namespace dbarch::analyzers {

// Every limit a check uses: conservative starting points for an OLTP server;
// docs/health.md gives the reasoning. Overridable on the command line: --threshold name=value, with the
// names of HealthThresholdInfos().
struct HealthThresholds {
  double long_running_query_seconds = 300;    // an active statement running longer
  double idle_in_transaction_seconds = 60;    // a session idle inside an open transaction longer
  double blocked_query_seconds = 5;           // a statement waiting for a lock longer
  double xid_age_warning = 1'000'000'000;     // age(datfrozenxid) / age(relfrozenxid); wraparound at ~2^31
  double xid_age_error = 1'500'000'000;
  double multixact_age_warning = 1'000'000'000;  // mxid_age(datminmxid) / mxid_age(relminmxid)
  double multixact_age_error = 1'500'000'000;
  double sequence_used_warning = 0.75;        // share of a sequence's (or an int column's) range used
  double sequence_used_error = 0.90;
  double dead_tuples_ratio = 0.20;            // n_dead_tup / (n_live_tup + n_dead_tup) …
  double dead_tuples_min = 10'000;            // … and at least this many dead rows
  double stale_statistics_ratio = 0.20;       // n_mod_since_analyze / n_live_tup …
  double stale_statistics_min = 10'000;       // … and at least this many modified rows
  double table_bloat_ratio = 0.50;            // estimated bloat / table size …
  double table_bloat_min_bytes = 100 << 20;   // … and at least this much
  double index_bloat_ratio = 0.50;
  double index_bloat_min_bytes = 100 << 20;
  double unused_index_min_bytes = 1 << 20;    // unused indexes smaller than this are not worth a finding
  double connection_usage_warning = 0.80;     // connections / (max_connections - superuser_reserved_connections)
  double connection_usage_error = 0.95;
  double cache_hit_ratio_min = 0.99;          // blks_hit / (blks_hit + blks_read), database and per table …
  double cache_min_blocks = 100'000;          // … judged only after this many block reads
  double replication_lag_bytes = 100 << 20;   // replay lag of a standby, bytes …
  double replication_lag_seconds = 60;        // … or seconds
  double slot_retained_bytes_error = 1 << 30; // an inactive slot holding more WAL than this is an error
  double requested_checkpoints_ratio = 0.20;  // checkpoints_req / all checkpoints …
  double checkpoints_min = 10;                // … judged after this many checkpoints
  double temp_bytes = 1 << 30;                // temp_bytes written since stats_reset
  double deadlocks = 1;                       // deadlocks since stats_reset
};

struct HealthThresholdInfo {
  std::string_view name;         // kebab-case, e.g. "idle-in-transaction-seconds"
  double HealthThresholds::*field;
  std::string_view description;
};

const std::vector<HealthThresholdInfo>& HealthThresholdInfos();
// Applies "name=value" (value a number; sizes also as 100MB / 1GB). kInvalidInput naming the known names.
Status SetHealthThreshold(HealthThresholds* thresholds, std::string_view assignment);

struct HealthCheckInfo {
  std::string_view id;       // "health/idle-in-transaction"
  std::string_view summary;  // one line
};
std::vector<HealthCheckInfo> HealthChecks();

// Runs every check; findings ordered by severity (errors first), then check order, then object.
Findings AnalyzeHealth(const sources::HealthSnapshot& snapshot, const HealthThresholds& thresholds = {});

}  // namespace dbarch::analyzers
