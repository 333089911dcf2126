// What is known about the data behind a schema: row counts and sizes, per-column distributions (as in
// pg_stats), and activity counters (pg_stat_user_tables / pg_stat_user_indexes). Read from a live database
// (verify/live_statistics), produced by the synthetic data generator on the scratch cluster, or absent.
// The data generator shapes its data by it; advisors and the report read it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/catalog.h"

namespace dbarch::model {

struct ColumnStatistics {
  std::string column;
  double null_frac = 0;
  // pg_stats convention: > 0 an absolute number of distinct values; < 0 minus the fraction of rows that are
  // distinct (-1 = every row distinct); 0 unknown.
  double n_distinct = 0;
  std::vector<std::string> most_common_values;  // text form, as pg_stats prints them
  std::vector<double> most_common_freqs;
  std::vector<std::string> histogram_bounds;
  std::optional<double> correlation;  // physical order vs logical order, -1…1
  double avg_width = 0;               // bytes

  // Expected distinct values for a table of `rows` rows.
  double DistinctValues(double rows) const;
};

struct TableStatistics {
  QualifiedName table;
  double rows = -1;          // pg_class.reltuples; -1 = never analyzed / unknown
  double pages = 0;          // pg_class.relpages
  int64_t total_bytes = 0;   // pg_total_relation_size: heap + indexes + TOAST
  int64_t table_bytes = 0;   // pg_relation_size: heap only
  // pg_stat_user_tables
  int64_t seq_scan = 0, seq_tup_read = 0, idx_scan = 0, idx_tup_fetch = 0;
  int64_t n_tup_ins = 0, n_tup_upd = 0, n_tup_del = 0, n_tup_hot_upd = 0;
  int64_t n_live_tup = 0, n_dead_tup = 0, n_mod_since_analyze = 0;
  std::optional<std::string> last_vacuum, last_autovacuum, last_analyze, last_autoanalyze;  // timestamptz text
  int64_t vacuum_count = 0, autovacuum_count = 0, analyze_count = 0, autoanalyze_count = 0;
  std::map<std::string, ColumnStatistics> columns;  // by column name

  const ColumnStatistics* FindColumn(const std::string& column) const;
};

struct IndexStatistics {
  QualifiedName index;
  QualifiedName table;
  int64_t size_bytes = 0;
  int64_t idx_scan = 0, idx_tup_read = 0, idx_tup_fetch = 0;
};

struct Statistics {
  enum class Origin { kNone, kLive, kSynthetic } origin = Origin::kNone;
  std::map<QualifiedName, TableStatistics> tables;
  std::map<QualifiedName, IndexStatistics> indexes;
  std::optional<std::string> stats_reset;  // since when the activity counters count
  int server_version = 0;
  // What could not be read and why (missing privilege, missing extension, …): shown in the report.
  std::vector<std::string> notes;

  bool empty() const { return tables.empty(); }
  const TableStatistics* FindTable(const QualifiedName& table) const;
  // Estimated row count: reltuples when analyzed, else n_live_tup, else nullopt.
  std::optional<double> RowCount(const QualifiedName& table) const;
};

}  // namespace dbarch::model
