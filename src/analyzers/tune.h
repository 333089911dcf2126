// Configuration tuning (`dbarch tune`, and the report's "Performance considerations"): from the hardware
// (RAM, CPUs, storage), the kind of workload (web, OLTP, data warehouse, mixed — given, or inferred from the
// workload's statements and the live statistics) and the connection count, a postgresql.conf fragment in
// which every setting carries its reason; per-table autovacuum overrides for the tables the workload keeps
// busy or the statistics show large; and a PgBouncer configuration whose pool mode follows the session
// features the workload uses. CompareWithServer explains how a live server's pg_settings differ.
//
// The formulas are pgtune's family (shared_buffers a quarter of RAM, effective_cache_size three quarters,
// work_mem from the memory left per possible sort/hash node), sharpened by what dbarch knows about the
// schema and the workload: how many sort/hash nodes its statements have, whether its data fits in memory,
// which tables are hot. Analyzers never print; src/report/tune_text.h renders this.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dbarch/status.h"
#include "model/catalog.h"
#include "model/server_settings.h"
#include "model/statistics.h"
#include "model/workload.h"

namespace dbarch::analyzers {

enum class StorageKind { kSsd, kHdd, kNetwork };  // network: cloud block storage / SAN
enum class WorkloadClass { kWeb, kOltp, kWarehouse, kMixed };

std::string_view StorageKindName(StorageKind kind);      // "ssd", "hdd", "network"
std::string_view WorkloadClassName(WorkloadClass kind);  // "web", "oltp", "dw", "mixed"
std::optional<StorageKind> ParseStorageKind(std::string_view text);
std::optional<WorkloadClass> ParseWorkloadClass(std::string_view text);  // also "warehouse"

// The machine the server runs on, and where each fact came from ("--ram", "detected on this machine",
// "assumed"): advice computed from an assumption says so.
struct HardwareFacts {
  int64_t ram_bytes = 0;
  int cpus = 0;
  StorageKind storage = StorageKind::kSsd;
  std::string ram_origin, cpus_origin, storage_origin;
};

struct TuneRequest {
  HardwareFacts hardware;
  std::optional<WorkloadClass> workload_class;  // nullopt: inferred from the workload and statistics
  int max_connections = 0;                      // 0: sized for a server behind a connection pooler
  int server_major = 15;                        // settings that older servers lack are left out
};

// What kind of workload this is and why.
struct WorkloadProfile {
  WorkloadClass workload_class = WorkloadClass::kMixed;
  bool inferred = false;
  std::vector<std::string> evidence;
  double write_share = 0;     // of the workload's calls
  double analytic_share = 0;  // of the workload's calls: aggregates/grouping without a selective predicate
  int sort_hash_nodes = 2;    // sort/hash nodes the heaviest common statement can use at once (work_mem units)
};

struct RecommendedSetting {
  std::string name;
  std::string value;             // as written in postgresql.conf: 4GB, 0.9, 'lz4', on
  std::string category;          // memory, wal, planner, parallelism, autovacuum, connections, observability
  std::string reason;            // why this value, from which facts
  std::string postgres_default;  // PostgreSQL's built-in default, for comparison
  bool restart_required = false; // postmaster context: takes effect only after a restart
};

// ALTER TABLE … SET (…) for one table.
struct TableStorageOverride {
  model::QualifiedName table;
  std::vector<std::pair<std::string, std::string>> parameters;  // name, value
  std::string reason;
  std::string Sql() const;
};

// PgBouncer in front of the server.
struct PoolerAdvice {
  std::string pool_mode = "transaction";  // transaction unless the workload needs session state
  int default_pool_size = 0;
  int reserve_pool_size = 0;
  int max_client_conn = 0;
  std::vector<std::string> reasons;
  // Statements that need a session to themselves (LISTEN, session SET, PREPARE, advisory locks, temporary
  // tables, WITH HOLD cursors), with where they are: they decide the pool mode.
  std::vector<std::string> session_features;
};

struct TuneAdvice {
  HardwareFacts hardware;
  WorkloadProfile profile;
  int max_connections = 0;
  std::vector<RecommendedSetting> settings;  // in postgresql.conf order: by category, then name
  std::vector<TableStorageOverride> table_overrides;
  PoolerAdvice pooler;
  std::vector<std::string> notes;            // what would sharpen the advice; OS settings (huge pages)

  const RecommendedSetting* Find(std::string_view name) const;
};

// What the report assumes without facts: a common small production server (16 GB RAM, 4 CPUs, SSD),
// every fact marked "assumed".
TuneRequest AssumedServer();

// kInvalidInput when the hardware facts are unusable (no RAM, no CPU).
Result<TuneAdvice> RecommendConfiguration(const TuneRequest& request, const model::Catalog& catalog,
                                          const model::Workload& workload, const model::Statistics* statistics);

// How a server's current settings differ from the advice, one entry per recommended setting.
struct SettingDifference {
  enum class Kind { kChange, kAlreadySet, kMissingOnServer } kind = Kind::kChange;
  std::string name;
  std::string current;      // as the server reports it, in the setting's natural unit: 128MB, 5min, on
  std::string current_source;  // pg_settings.source: default, configuration file, …
  std::string recommended;
  std::string explanation;  // the recommendation's reason, plus what changing it takes (reload / restart)
};
std::vector<SettingDifference> CompareWithServer(const TuneAdvice& advice,
                                                 const std::vector<model::ServerSetting>& current);

// Settings a server should not run production with (fsync off, full_page_writes off, autovacuum off, …),
// each with what it risks. Empty when there is nothing to say.
struct RiskySetting {
  std::string name;
  std::string current;
  std::string risk;
  std::string fix;
};
std::vector<RiskySetting> FindRiskySettings(const std::vector<model::ServerSetting>& current);

}  // namespace dbarch::analyzers
