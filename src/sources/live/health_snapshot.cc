#include "sources/live/health_snapshot.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <map>
#include <tuple>

#include <fmt/format.h>

namespace dbarch::sources {
namespace {

constexpr const char* kUserSchemas =
    "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast' AND n.nspname !~ '^pg_temp'";

// The WAL position lag is measured against: the primary's insert position, or on a standby what it received.
constexpr const char* kCurrentLsn =
    "CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn() ELSE pg_current_wal_lsn() END";

std::optional<double> OptionalDouble(const verify::PgResult& result, int row, const char* column) {
  auto text = result.GetOptional(row, column);
  if (!text) return std::nullopt;
  return std::strtod(text->c_str(), nullptr);
}

std::optional<int64_t> OptionalInt(const verify::PgResult& result, int row, const char* column) {
  auto text = result.GetOptional(row, column);
  if (!text) return std::nullopt;
  return std::strtoll(text->c_str(), nullptr, 10);
}

// Runs one section's query; a failure becomes a note naming what could not be read, and the rest goes on.
void ReadSection(verify::PgConnection& connection, HealthSnapshot* snapshot, const std::string& what,
                 const std::string& sql, const std::function<void(const verify::PgResult&)>& read) {
  auto result = connection.Query(sql);
  if (!result.ok()) {
    // libpq's "ERROR:  permission denied …\n" as one sentence.
    std::string message = result.status().message();
    if (message.starts_with("ERROR:")) message.erase(0, message.find_first_not_of(' ', 6));
    while (!message.empty() && std::isspace(static_cast<unsigned char>(message.back()))) message.pop_back();
    snapshot->notes.push_back(fmt::format("{} could not be read: {}", what, message));
    return;
  }
  read(*result);
}

void ReadSessions(verify::PgConnection& connection, HealthSnapshot* snapshot) {
  ReadSection(
      connection, snapshot, "sessions (pg_stat_activity, pg_locks)",
      "SELECT a.pid, coalesce(a.usename, '') AS usename, coalesce(a.datname, '') AS datname, "
      "coalesce(a.application_name, '') AS application, coalesce(a.state, '') AS state, "
      "coalesce(a.query, '') AS query, coalesce(a.wait_event_type, '') AS wait_event_type, "
      "coalesce(a.wait_event, '') AS wait_event, extract(epoch FROM now() - a.xact_start) AS xact_s, "
      "extract(epoch FROM now() - a.query_start) AS query_s, extract(epoch FROM now() - a.state_change) AS state_s, "
      "pg_blocking_pids(a.pid)::text AS blocked_by, "
      "(SELECT string_agg(l.mode || ' on ' || CASE WHEN l.relation IS NOT NULL AND l.database = "
      "(SELECT oid FROM pg_database WHERE datname = current_database()) THEN l.relation::regclass::text "
      "ELSE l.locktype END, ', ') FROM pg_locks l WHERE l.pid = a.pid AND NOT l.granted) AS waiting_for "
      "FROM pg_stat_activity a WHERE a.backend_type = 'client backend' AND a.pid <> pg_backend_pid() "
      "ORDER BY a.pid",
      [&](const verify::PgResult& rows) {
        for (int row = 0; row < rows.rows(); ++row) {
          HealthSession session;
          session.pid = static_cast<int>(rows.GetInt(row, "pid"));
          session.user = rows.Get(row, "usename");
          session.database = rows.Get(row, "datname");
          session.application = rows.Get(row, "application");
          session.state = rows.Get(row, "state");
          session.query = rows.Get(row, "query");
          session.wait_event_type = rows.Get(row, "wait_event_type");
          session.wait_event = rows.Get(row, "wait_event");
          session.transaction_seconds = OptionalDouble(rows, row, "xact_s");
          session.query_seconds = OptionalDouble(rows, row, "query_s");
          session.state_seconds = OptionalDouble(rows, row, "state_s");
          for (const std::string& pid : rows.GetArray(row, "blocked_by")) {
            session.blocked_by.push_back(std::atoi(pid.c_str()));
          }
          session.waiting_for_lock = rows.Get(row, "waiting_for");
          snapshot->sessions.push_back(std::move(session));
        }
      });
  ReadSection(connection, snapshot, "the connection count (pg_stat_activity)",
              "SELECT count(*) AS n FROM pg_stat_activity WHERE backend_type = 'client backend'",
              [&](const verify::PgResult& rows) { snapshot->connections = static_cast<int>(rows.GetInt(0, "n")); });
}

void ReadDatabaseAges(verify::PgConnection& connection, HealthSnapshot* snapshot) {
  ReadSection(connection, snapshot, "database freeze ages (pg_database)",
              "SELECT datname, age(datfrozenxid) AS xid_age, mxid_age(datminmxid) AS mxid_age FROM pg_database "
              "ORDER BY 1",
              [&](const verify::PgResult& rows) {
                for (int row = 0; row < rows.rows(); ++row) {
                  snapshot->database_ages.push_back(
                      {rows.Get(row, "datname"), rows.GetInt(row, "xid_age"), rows.GetInt(row, "mxid_age")});
                }
              });
}

// Bytes beyond what the rows need, the estimate check_postgres and PgHero popularised: a row's size from
// pg_stats (header + null bitmap + average widths, aligned), rows per page after fillfactor, and the pages
// that would take against the pages the relation has. Rough by design (alignment padding between columns
// and TOAST are ignored), so the checks only act on large differences.
int64_t EstimateBloat(double pages, double tuples, double row_bytes, double page_overhead, int fillfactor,
                      int block_size, double extra_pages) {
  if (pages <= 0 || tuples <= 0 || row_bytes <= 0) return 0;
  const double usable = (block_size - page_overhead) * fillfactor / 100.0;
  const double per_page = std::floor(usable / (row_bytes + 4));  // + the 4-byte line pointer
  if (per_page < 1) return 0;
  const double needed = std::ceil(tuples / per_page) + extra_pages;
  return pages > needed ? static_cast<int64_t>((pages - needed) * block_size) : 0;
}

double MaxAlign(double bytes) { return std::ceil(bytes / 8) * 8; }

void ReadTables(verify::PgConnection& connection, HealthSnapshot* snapshot) {
  ReadSection(
      connection, snapshot, "tables (pg_class, pg_stat_user_tables, pg_statio_user_tables)",
      fmt::format(
          "SELECT n.nspname AS schema, c.relname AS name, age(c.relfrozenxid) AS xid_age, "
          "mxid_age(c.relminmxid) AS mxid_age, coalesce(s.n_live_tup, 0) AS live, coalesce(s.n_dead_tup, 0) AS dead, "
          "coalesce(s.n_mod_since_analyze, 0) AS modified, "
          "extract(epoch FROM now() - greatest(s.last_vacuum, s.last_autovacuum)) AS since_vacuum, "
          "extract(epoch FROM now() - greatest(s.last_analyze, s.last_autoanalyze)) AS since_analyze, "
          "NOT EXISTS (SELECT 1 FROM pg_options_to_table(c.reloptions) o WHERE o.option_name = 'autovacuum_enabled' "
          "AND lower(o.option_value) IN ('false', 'off', 'no', '0', 'f', 'n')) AS autovacuum_enabled, "
          "coalesce(io.heap_blks_read, 0) AS heap_read, coalesce(io.heap_blks_hit, 0) AS heap_hit, "
          "pg_relation_size(c.oid) AS bytes "
          "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
          "LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid LEFT JOIN pg_statio_user_tables io ON io.relid = c.oid "
          "WHERE c.relkind IN ('r', 'm') AND {} ORDER BY 1, 2",
          kUserSchemas),
      [&](const verify::PgResult& rows) {
        for (int row = 0; row < rows.rows(); ++row) {
          HealthTable table;
          table.schema = rows.Get(row, "schema");
          table.name = rows.Get(row, "name");
          table.xid_age = rows.GetInt(row, "xid_age");
          table.multixact_age = rows.GetInt(row, "mxid_age");
          table.live_tuples = rows.GetInt(row, "live");
          table.dead_tuples = rows.GetInt(row, "dead");
          table.modified_since_analyze = rows.GetInt(row, "modified");
          table.seconds_since_vacuum = OptionalDouble(rows, row, "since_vacuum");
          table.seconds_since_analyze = OptionalDouble(rows, row, "since_analyze");
          table.autovacuum_enabled = rows.GetBool(row, "autovacuum_enabled");
          table.heap_blocks_read = rows.GetInt(row, "heap_read");
          table.heap_blocks_hit = rows.GetInt(row, "heap_hit");
          table.table_bytes = rows.GetInt(row, "bytes");
          snapshot->tables.push_back(std::move(table));
        }
      });
}

void ReadIndexes(verify::PgConnection& connection, HealthSnapshot* snapshot) {
  ReadSection(
      connection, snapshot, "indexes (pg_index, pg_stat_user_indexes)",
      fmt::format(
          "SELECT n.nspname AS schema, t.relname AS table_name, c.relname AS name, "
          "pg_get_indexdef(i.indexrelid) AS definition, i.indisvalid AS valid, i.indisunique AS is_unique, "
          "i.indisprimary AS is_primary, EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid "
          "AND k.contype IN ('p', 'u', 'x')) AS backs_constraint, coalesce(s.idx_scan, 0) AS scans, "
          "pg_relation_size(i.indexrelid) AS bytes, "
          "concat_ws(' ', quote_ident(n.nspname) || '.' || quote_ident(t.relname), am.amname, i.indkey::text, "
          "i.indclass::text, i.indcollation::text, i.indoption::text, "
          "coalesce(pg_get_expr(i.indexprs, i.indrelid), ''), coalesce(pg_get_expr(i.indpred, i.indrelid), '')) "
          "AS signature "
          "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
          "JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = c.relam "
          "LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = i.indexrelid WHERE {} ORDER BY 1, 2, 3",
          kUserSchemas),
      [&](const verify::PgResult& rows) {
        for (int row = 0; row < rows.rows(); ++row) {
          HealthIndex index;
          index.schema = rows.Get(row, "schema");
          index.table = rows.Get(row, "table_name");
          index.name = rows.Get(row, "name");
          index.definition = rows.Get(row, "definition");
          index.valid = rows.GetBool(row, "valid");
          index.unique = rows.GetBool(row, "is_unique");
          index.primary = rows.GetBool(row, "is_primary");
          index.backs_constraint = rows.GetBool(row, "backs_constraint");
          index.scans = rows.GetInt(row, "scans");
          index.bytes = rows.GetInt(row, "bytes");
          index.signature = rows.Get(row, "signature");
          snapshot->indexes.push_back(std::move(index));
        }
      });
}

// pg_stats widths by (schema, table, column). Read once and joined here: joined in SQL, the view (pg_statistic
// behind per-column privilege checks) was planned as a nested loop and took seconds on 2,000 tables.
struct ColumnWidth {
  double null_frac = 0;
  double avg_width = 0;
};
using ColumnWidths = std::map<std::tuple<std::string, std::string, std::string>, ColumnWidth>;

// Sum of avg_width x (1 - null_frac) over the columns, and whether any has NULLs; nullopt when a column has
// no statistics (never analyzed, or not readable by the role): no estimate then.
std::optional<std::pair<double, bool>> DataWidth(const ColumnWidths& widths, const std::string& schema,
                                                 const std::string& table, const std::vector<std::string>& columns) {
  double width = 0;
  bool nulls = false;
  for (const std::string& column : columns) {
    auto found = widths.find({schema, table, column});
    if (found == widths.end()) return std::nullopt;
    width += (1 - found->second.null_frac) * found->second.avg_width;
    nulls = nulls || found->second.null_frac > 0;
  }
  return std::make_pair(width, nulls);
}

void ReadBloatEstimates(verify::PgConnection& connection, HealthSnapshot* snapshot) {
  ColumnWidths widths;
  bool readable = false;
  ReadSection(connection, snapshot, "column widths for bloat estimates (pg_stats)",
              "SELECT schemaname, tablename, attname, null_frac, avg_width FROM pg_stats WHERE NOT inherited "
              "AND schemaname NOT IN ('pg_catalog', 'information_schema')",
              [&](const verify::PgResult& rows) {
                readable = true;
                for (int row = 0; row < rows.rows(); ++row) {
                  widths[{rows.Get(row, "schemaname"), rows.Get(row, "tablename"), rows.Get(row, "attname")}] = {
                      rows.GetDouble(row, "null_frac"), rows.GetDouble(row, "avg_width")};
                }
              });
  if (!readable) return;
  ReadSection(
      connection, snapshot, "table bloat estimates (pg_class, pg_attribute)",
      fmt::format("SELECT n.nspname AS schema, c.relname AS name, c.relpages AS pages, c.reltuples AS tuples, "
                  "coalesce((SELECT o.option_value::int FROM pg_options_to_table(c.reloptions) o "
                  "WHERE o.option_name = 'fillfactor'), 100) AS fillfactor, "
                  "array(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 "
                  "AND NOT a.attisdropped ORDER BY a.attnum)::text AS columns, "
                  "current_setting('block_size')::int AS block_size "
                  "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm') AND {}",
                  kUserSchemas),
      [&](const verify::PgResult& rows) {
        std::map<std::pair<std::string, std::string>, int64_t> bloat;
        for (int row = 0; row < rows.rows(); ++row) {
          const std::string schema = rows.Get(row, "schema"), name = rows.Get(row, "name");
          const std::vector<std::string> columns = rows.GetArray(row, "columns");
          auto data = DataWidth(widths, schema, name, columns);
          if (!data) continue;
          const double header = MaxAlign(23 + (data->second ? std::ceil(columns.size() / 8.0) : 0));
          bloat[{schema, name}] = EstimateBloat(rows.GetDouble(row, "pages"), rows.GetDouble(row, "tuples"),
                                                header + MaxAlign(data->first), 24,
                                                static_cast<int>(rows.GetInt(row, "fillfactor", 100)),
                                                static_cast<int>(rows.GetInt(row, "block_size", 8192)), 0);
        }
        for (HealthTable& table : snapshot->tables) {
          if (auto found = bloat.find({table.schema, table.name}); found != bloat.end()) {
            table.estimated_bloat_bytes = found->second;
          }
        }
      });
  // B-tree entries on plain columns: an 8-byte tuple header plus the key and INCLUDE columns' widths.
  ReadSection(
      connection, snapshot, "index bloat estimates (pg_index)",
      fmt::format("SELECT n.nspname AS schema, ic.relname AS name, t.relname AS table_name, ic.relpages AS pages, "
                  "ic.reltuples AS tuples, coalesce((SELECT o.option_value::int FROM pg_options_to_table(ic.reloptions) o "
                  "WHERE o.option_name = 'fillfactor'), 90) AS fillfactor, "
                  "array(SELECT a.attname FROM unnest(i.indkey) k JOIN pg_attribute a ON a.attrelid = i.indrelid "
                  "AND a.attnum = k)::text AS columns, current_setting('block_size')::int AS block_size "
                  "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam "
                  "AND am.amname = 'btree' JOIN pg_class t ON t.oid = i.indrelid "
                  "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE i.indexprs IS NULL AND {}",
                  kUserSchemas),
      [&](const verify::PgResult& rows) {
        std::map<std::pair<std::string, std::string>, int64_t> bloat;
        for (int row = 0; row < rows.rows(); ++row) {
          const std::string schema = rows.Get(row, "schema");
          auto data = DataWidth(widths, schema, rows.Get(row, "table_name"), rows.GetArray(row, "columns"));
          if (!data) continue;
          // Page header (24) and the B-tree special space (16); one extra page for the metapage.
          bloat[{schema, rows.Get(row, "name")}] =
              EstimateBloat(rows.GetDouble(row, "pages"), rows.GetDouble(row, "tuples"), MaxAlign(8 + data->first), 40,
                            static_cast<int>(rows.GetInt(row, "fillfactor", 90)),
                            static_cast<int>(rows.GetInt(row, "block_size", 8192)), 1);
        }
        for (HealthIndex& index : snapshot->indexes) {
          if (auto found = bloat.find({index.schema, index.name}); found != bloat.end()) {
            index.estimated_bloat_bytes = found->second;
          }
        }
      });
}

void ReadSequences(verify::PgConnection& connection, HealthSnapshot* snapshot) {
  ReadSection(connection, snapshot, "sequences (pg_sequences)",
              "SELECT schemaname, sequencename, data_type::text AS data_type, last_value, max_value, min_value, "
              "increment_by FROM pg_sequences ORDER BY 1, 2",
              [&](const verify::PgResult& rows) {
                for (int row = 0; row < rows.rows(); ++row) {
                  HealthSequence sequence;
                  sequence.schema = rows.Get(row, "schemaname");
                  sequence.name = rows.Get(row, "sequencename");
                  sequence.data_type = rows.Get(row, "data_type");
                  sequence.last_value = OptionalInt(rows, row, "last_value");
                  sequence.max_value = rows.GetInt(row, "max_value");
                  sequence.min_value = rows.GetInt(row, "min_value");
                  sequence.increment = rows.GetInt(row, "increment_by", 1);
                  snapshot->sequences.push_back(std::move(sequence));
                }
              });
  // Columns owning a sequence: serial ('a' auto dependency) and identity ('i' internal).
  ReadSection(
      connection, snapshot, "sequence-fed integer columns (pg_depend, pg_attribute)",
      "SELECT n.nspname AS schema, t.relname AS table_name, a.attname AS column_name, "
      "format_type(a.atttypid, NULL) AS data_type, quote_ident(sn.nspname) || '.' || quote_ident(s.relname) AS sequence, "
      "ps.last_value, CASE WHEN a.atttypid = 'int2'::regtype::oid THEN 32767 ELSE 2147483647 END AS type_max "
      "FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' "
      "JOIN pg_namespace sn ON sn.oid = s.relnamespace JOIN pg_class t ON t.oid = d.refobjid "
      "JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid "
      "LEFT JOIN pg_sequences ps ON ps.schemaname = sn.nspname AND ps.sequencename = s.relname "
      "WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
      "AND a.atttypid IN ('int2'::regtype::oid, 'int4'::regtype::oid) ORDER BY 1, 2, 3",
      [&](const verify::PgResult& rows) {
        for (int row = 0; row < rows.rows(); ++row) {
          HealthSequenceColumn column;
          column.schema = rows.Get(row, "schema");
          column.table = rows.Get(row, "table_name");
          column.column = rows.Get(row, "column_name");
          column.data_type = rows.Get(row, "data_type");
          column.sequence = rows.Get(row, "sequence");
          column.last_value = OptionalInt(rows, row, "last_value");
          column.type_max = rows.GetInt(row, "type_max");
          snapshot->sequence_columns.push_back(std::move(column));
        }
      });
}

void ReadReplication(verify::PgConnection& connection, HealthSnapshot* snapshot) {
  ReadSection(connection, snapshot, "replication (pg_stat_replication)",
              fmt::format("SELECT pid, coalesce(application_name, '') AS application, "
                          "coalesce(client_addr::text, '') AS client, coalesce(state, '') AS state, "
                          "coalesce(pg_wal_lsn_diff({}, replay_lsn), 0)::bigint AS lag_bytes, "
                          "extract(epoch FROM replay_lag) AS lag_s FROM pg_stat_replication ORDER BY pid",
                          kCurrentLsn),
              [&](const verify::PgResult& rows) {
                for (int row = 0; row < rows.rows(); ++row) {
                  snapshot->replicas.push_back({static_cast<int>(rows.GetInt(row, "pid")), rows.Get(row, "application"),
                                                rows.Get(row, "client"), rows.Get(row, "state"),
                                                rows.GetInt(row, "lag_bytes"), OptionalDouble(rows, row, "lag_s")});
                }
              });
  ReadSection(connection, snapshot, "replication slots (pg_replication_slots)",
              fmt::format("SELECT slot_name, slot_type, coalesce(database::text, '') AS database, active, "
                          "coalesce(pg_wal_lsn_diff({}, restart_lsn), 0)::bigint AS retained "
                          "FROM pg_replication_slots ORDER BY 1",
                          kCurrentLsn),
              [&](const verify::PgResult& rows) {
                for (int row = 0; row < rows.rows(); ++row) {
                  snapshot->replication_slots.push_back({rows.Get(row, "slot_name"), rows.Get(row, "slot_type"),
                                                         rows.Get(row, "database"), rows.GetBool(row, "active"),
                                                         rows.GetInt(row, "retained")});
                }
              });
}

void ReadCounters(verify::PgConnection& connection, HealthSnapshot* snapshot) {
  ReadSection(connection, snapshot, "database counters (pg_stat_database)",
              "SELECT blks_hit, blks_read, temp_files, temp_bytes, deadlocks, stats_reset::text AS stats_reset "
              "FROM pg_stat_database WHERE datname = current_database()",
              [&](const verify::PgResult& rows) {
                if (rows.rows() != 1) return;
                snapshot->database_stats = HealthDatabaseStats{
                    rows.GetInt(0, "blks_hit"),   rows.GetInt(0, "blks_read"), rows.GetInt(0, "temp_files"),
                    rows.GetInt(0, "temp_bytes"), rows.GetInt(0, "deadlocks"), rows.GetOptional(0, "stats_reset")};
              });
  // PostgreSQL 17 moved the checkpoint counters to pg_stat_checkpointer.
  const std::string checkpoints_sql =
      connection.server_version() >= 170000
          ? "SELECT num_timed AS timed, num_requested AS requested, stats_reset::text AS stats_reset "
            "FROM pg_stat_checkpointer"
          : "SELECT checkpoints_timed AS timed, checkpoints_req AS requested, stats_reset::text AS stats_reset "
            "FROM pg_stat_bgwriter";
  ReadSection(connection, snapshot, "checkpoint counters", checkpoints_sql, [&](const verify::PgResult& rows) {
    if (rows.rows() != 1) return;
    snapshot->checkpoints =
        HealthCheckpoints{rows.GetInt(0, "timed"), rows.GetInt(0, "requested"), rows.GetOptional(0, "stats_reset")};
  });
}

}  // namespace

Result<HealthSnapshot> ReadHealthSnapshot(verify::PgConnection& connection) {
  HealthSnapshot snapshot;
  auto identity = connection.Query(
      "SELECT current_database() AS db, now()::text AS now, current_setting('max_connections')::int AS max_connections, "
      "current_setting('superuser_reserved_connections')::int AS reserved");
  if (!identity.ok()) return Status::Unavailable("cannot read the server's identity: " + identity.status().message());
  snapshot.server_version = connection.server_version();
  snapshot.database = identity->Get(0, "db");
  snapshot.captured_at = identity->Get(0, "now");
  snapshot.max_connections = static_cast<int>(identity->GetInt(0, "max_connections"));
  snapshot.reserved_connections = static_cast<int>(identity->GetInt(0, "reserved"));
  ReadSessions(connection, &snapshot);
  ReadDatabaseAges(connection, &snapshot);
  ReadTables(connection, &snapshot);
  ReadIndexes(connection, &snapshot);
  ReadBloatEstimates(connection, &snapshot);
  ReadSequences(connection, &snapshot);
  ReadReplication(connection, &snapshot);
  ReadCounters(connection, &snapshot);
  return snapshot;
}

}  // namespace dbarch::sources
