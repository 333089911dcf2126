// A health snapshot: what `dbarch health` needs to know about a running PostgreSQL, read in one pass over the
// statistics views (pg_stat_activity, pg_locks, pg_database, pg_class, pg_stat_user_tables/indexes,
// pg_statio_user_tables, pg_stat_database, pg_index, pg_sequences, pg_stat_replication, pg_replication_slots,
// pg_stat_bgwriter, pg_stats for bloat estimates). Plain data, no judgement: the checks in
// analyzers/health/ decide what is wrong. Ages and durations are measured by the server when the snapshot is
// read, so a saved snapshot (ToJson/FromJson) is analyzed offline exactly as it was live.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dbarch/status.h"
#include "verify/pg_connection.h"

namespace dbarch::sources {

// One server process from pg_stat_activity (client backends only; dbarch's own session left out).
struct HealthSession {
  int pid = 0;
  std::string user;
  std::string database;
  std::string application;
  std::string state;                 // active, idle, idle in transaction, idle in transaction (aborted), …
  std::string query;                 // the current or last statement (as pg_stat_activity shows it)
  std::string wait_event_type;       // Lock, LWLock, IO, … ("" when not waiting)
  std::string wait_event;
  std::optional<double> transaction_seconds;  // now() - xact_start
  std::optional<double> query_seconds;        // now() - query_start
  std::optional<double> state_seconds;        // now() - state_change
  std::vector<int> blocked_by;       // pg_blocking_pids(pid)
  std::string waiting_for_lock;      // the lock mode and relation it waits for, from pg_locks ("" if none)
};

// Transaction ID and multixact ages of one database (pg_database.datfrozenxid / datminmxid).
struct HealthDatabaseAge {
  std::string name;
  int64_t xid_age = 0;
  int64_t multixact_age = 0;
};

// One user table: freeze age, vacuum and analyze activity, cache use, size and estimated bloat.
struct HealthTable {
  std::string schema;
  std::string name;
  int64_t xid_age = 0;             // age(relfrozenxid)
  int64_t multixact_age = 0;       // mxid_age(relminmxid)
  int64_t live_tuples = 0;         // n_live_tup
  int64_t dead_tuples = 0;         // n_dead_tup
  int64_t modified_since_analyze = 0;
  std::optional<double> seconds_since_vacuum;   // the later of last_vacuum and last_autovacuum
  std::optional<double> seconds_since_analyze;  // the later of last_analyze and last_autoanalyze
  bool autovacuum_enabled = true;  // reloptions autovacuum_enabled
  int64_t heap_blocks_read = 0;    // pg_statio_user_tables
  int64_t heap_blocks_hit = 0;
  int64_t table_bytes = 0;         // pg_relation_size (main fork)
  int64_t estimated_bloat_bytes = 0;  // table pages beyond what the rows need, from pg_stats widths
};

// One index: validity, use, the definition and the signature that makes two indexes duplicates.
struct HealthIndex {
  std::string schema;
  std::string table;
  std::string name;
  std::string definition;        // pg_get_indexdef
  bool valid = true;             // pg_index.indisvalid
  bool unique = false;
  bool primary = false;
  bool backs_constraint = false; // a PRIMARY KEY / UNIQUE / EXCLUDE constraint uses it
  int64_t scans = 0;             // idx_scan
  int64_t bytes = 0;
  int64_t estimated_bloat_bytes = 0;  // B-tree pages beyond what the entries need (0 for other methods)
  // indrelid, indkey, indclass, indexprs, indpred and uniqueness: equal signatures = the same index twice.
  std::string signature;
};

// A sequence and how far it has come (pg_sequences).
struct HealthSequence {
  std::string schema;
  std::string name;
  std::string data_type;          // smallint, integer, bigint
  std::optional<int64_t> last_value;  // NULL when never used
  int64_t max_value = 0;
  int64_t min_value = 0;
  int64_t increment = 1;
};

// An int2/int4 column filled from a sequence (serial, identity or DEFAULT nextval): it overflows at its type's
// maximum even when the sequence itself is bigint.
struct HealthSequenceColumn {
  std::string schema;
  std::string table;
  std::string column;
  std::string data_type;          // smallint, integer
  std::string sequence;           // schema-qualified
  std::optional<int64_t> last_value;
  int64_t type_max = 0;
};

struct HealthReplica {  // pg_stat_replication
  int pid = 0;
  std::string application;
  std::string client;
  std::string state;
  int64_t replay_lag_bytes = 0;   // pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)
  std::optional<double> replay_lag_seconds;
};

struct HealthReplicationSlot {  // pg_replication_slots
  std::string name;
  std::string slot_type;          // physical, logical
  std::string database;
  bool active = false;
  int64_t retained_wal_bytes = 0; // pg_wal_lsn_diff(current, restart_lsn)
};

// Counters of the current database since stats_reset (pg_stat_database).
struct HealthDatabaseStats {
  int64_t blocks_hit = 0;
  int64_t blocks_read = 0;
  int64_t temp_files = 0;
  int64_t temp_bytes = 0;
  int64_t deadlocks = 0;
  std::optional<std::string> stats_reset;
};

struct HealthCheckpoints {  // pg_stat_bgwriter
  int64_t timed = 0;
  int64_t requested = 0;
  std::optional<std::string> stats_reset;
};

struct HealthSnapshot {
  int server_version = 0;         // e.g. 150020
  std::string database;           // current_database()
  std::string captured_at;        // now() on the server
  int max_connections = 0;
  int reserved_connections = 0;   // superuser_reserved_connections
  int connections = 0;            // client backends, all databases
  std::vector<HealthSession> sessions;
  std::vector<HealthDatabaseAge> database_ages;
  std::vector<HealthTable> tables;
  std::vector<HealthIndex> indexes;
  std::vector<HealthSequence> sequences;
  std::vector<HealthSequenceColumn> sequence_columns;
  std::vector<HealthReplica> replicas;
  std::vector<HealthReplicationSlot> replication_slots;
  std::optional<HealthDatabaseStats> database_stats;
  std::optional<HealthCheckpoints> checkpoints;
  // What could not be read (a view the role may not see, an older server): one sentence each.
  std::vector<std::string> notes;
};

// Reads the snapshot. Each view is read on its own: one that fails becomes a note and the rest is still read.
// kUnavailable only when not even the server's identity (version, database) can be read.
Result<HealthSnapshot> ReadHealthSnapshot(verify::PgConnection& connection);

// The saved form (`dbarch health --save-snapshot`); keys are the field names above.
nlohmann::json ToJson(const HealthSnapshot& snapshot);
// Reads a saved snapshot. `name` is the file name for messages: malformed JSON is kInvalidInput at
// name:line:column; a field of the wrong type names the field.
Result<HealthSnapshot> HealthSnapshotFromJson(std::string_view text, const std::string& name);

}  // namespace dbarch::sources
