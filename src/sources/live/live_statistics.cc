#include "sources/live/live_statistics.h"

#include <fmt/format.h>

namespace dbarch::sources {
namespace {

constexpr const char* kUserSchemas =
    "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast' AND n.nspname !~ '^pg_temp'";

std::optional<std::string> OptionalText(const verify::PgResult& result, int row, const char* column) {
  return result.GetOptional(row, column);
}

std::vector<double> ParseNumbers(const std::vector<std::string>& texts) {
  std::vector<double> numbers;
  for (const std::string& text : texts) numbers.push_back(std::strtod(text.c_str(), nullptr));
  return numbers;
}

Status ReadTables(verify::PgConnection& connection, model::Statistics* statistics) {
  auto tables = connection.Query(fmt::format(
      "SELECT n.nspname AS schema, c.relname AS name, c.reltuples AS reltuples, c.relpages AS relpages, "
      "pg_total_relation_size(c.oid) AS total_bytes, pg_relation_size(c.oid) AS table_bytes, "
      "s.seq_scan, s.seq_tup_read, s.idx_scan, s.idx_tup_fetch, s.n_tup_ins, s.n_tup_upd, s.n_tup_del, "
      "s.n_tup_hot_upd, s.n_live_tup, s.n_dead_tup, s.n_mod_since_analyze, s.last_vacuum, s.last_autovacuum, "
      "s.last_analyze, s.last_autoanalyze, s.vacuum_count, s.autovacuum_count, s.analyze_count, "
      "s.autoanalyze_count "
      "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid "
      "WHERE c.relkind IN ('r', 'p', 'm') AND {} ORDER BY 1, 2",
      kUserSchemas));
  if (!tables.ok()) return Status::Unavailable("cannot read pg_class: " + tables.status().message());
  // PostgreSQL 14+ reports -1 for never-analyzed tables; older versions 0, which is ambiguous.
  const bool reltuples_unknown_is_negative = connection.server_version() >= 140000;
  for (int row = 0; row < tables->rows(); ++row) {
    model::TableStatistics table;
    table.table = {tables->Get(row, "schema"), tables->Get(row, "name")};
    table.rows = tables->GetDouble(row, "reltuples", -1);
    if (!reltuples_unknown_is_negative && table.rows == 0 && tables->GetDouble(row, "relpages") == 0) table.rows = -1;
    table.pages = tables->GetDouble(row, "relpages");
    table.total_bytes = tables->GetInt(row, "total_bytes");
    table.table_bytes = tables->GetInt(row, "table_bytes");
    table.seq_scan = tables->GetInt(row, "seq_scan");
    table.seq_tup_read = tables->GetInt(row, "seq_tup_read");
    table.idx_scan = tables->GetInt(row, "idx_scan");
    table.idx_tup_fetch = tables->GetInt(row, "idx_tup_fetch");
    table.n_tup_ins = tables->GetInt(row, "n_tup_ins");
    table.n_tup_upd = tables->GetInt(row, "n_tup_upd");
    table.n_tup_del = tables->GetInt(row, "n_tup_del");
    table.n_tup_hot_upd = tables->GetInt(row, "n_tup_hot_upd");
    table.n_live_tup = tables->GetInt(row, "n_live_tup");
    table.n_dead_tup = tables->GetInt(row, "n_dead_tup");
    table.n_mod_since_analyze = tables->GetInt(row, "n_mod_since_analyze");
    table.last_vacuum = OptionalText(*tables, row, "last_vacuum");
    table.last_autovacuum = OptionalText(*tables, row, "last_autovacuum");
    table.last_analyze = OptionalText(*tables, row, "last_analyze");
    table.last_autoanalyze = OptionalText(*tables, row, "last_autoanalyze");
    table.vacuum_count = tables->GetInt(row, "vacuum_count");
    table.autovacuum_count = tables->GetInt(row, "autovacuum_count");
    table.analyze_count = tables->GetInt(row, "analyze_count");
    table.autoanalyze_count = tables->GetInt(row, "autoanalyze_count");
    statistics->tables[table.table] = std::move(table);
  }
  return Status::Ok();
}

void ReadColumns(verify::PgConnection& connection, model::Statistics* statistics) {
  auto columns = connection.Query(
      "SELECT schemaname AS schema, tablename AS name, attname, null_frac, n_distinct, "
      "most_common_vals::text AS mcv, most_common_freqs::text AS mcf, histogram_bounds::text AS histogram, "
      "correlation, avg_width FROM pg_stats "
      "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND NOT inherited ORDER BY 1, 2, 3");
  if (!columns.ok()) {
    statistics->notes.push_back("column statistics (pg_stats) could not be read: " + columns.status().message() +
                                "; synthetic data uses default distributions");
    return;
  }
  for (int row = 0; row < columns->rows(); ++row) {
    auto table = statistics->tables.find({columns->Get(row, "schema"), columns->Get(row, "name")});
    if (table == statistics->tables.end()) continue;
    model::ColumnStatistics column;
    column.column = columns->Get(row, "attname");
    column.null_frac = columns->GetDouble(row, "null_frac");
    column.n_distinct = columns->GetDouble(row, "n_distinct");
    column.most_common_values = columns->GetArray(row, "mcv");
    column.most_common_freqs = ParseNumbers(columns->GetArray(row, "mcf"));
    column.histogram_bounds = columns->GetArray(row, "histogram");
    if (auto correlation = columns->GetOptional(row, "correlation")) column.correlation = std::strtod(correlation->c_str(), nullptr);
    column.avg_width = columns->GetDouble(row, "avg_width");
    table->second.columns[column.column] = std::move(column);
  }
}

void ReadIndexes(verify::PgConnection& connection, model::Statistics* statistics) {
  auto indexes = connection.Query(
      "SELECT schemaname AS schema, relname AS table_name, indexrelname AS name, idx_scan, idx_tup_read, "
      "idx_tup_fetch, pg_relation_size(indexrelid) AS size_bytes FROM pg_stat_user_indexes ORDER BY 1, 3");
  if (!indexes.ok()) {
    statistics->notes.push_back("index statistics (pg_stat_user_indexes) could not be read: " +
                                indexes.status().message());
    return;
  }
  for (int row = 0; row < indexes->rows(); ++row) {
    model::IndexStatistics index;
    index.index = {indexes->Get(row, "schema"), indexes->Get(row, "name")};
    index.table = {indexes->Get(row, "schema"), indexes->Get(row, "table_name")};
    index.idx_scan = indexes->GetInt(row, "idx_scan");
    index.idx_tup_read = indexes->GetInt(row, "idx_tup_read");
    index.idx_tup_fetch = indexes->GetInt(row, "idx_tup_fetch");
    index.size_bytes = indexes->GetInt(row, "size_bytes");
    statistics->indexes[index.index] = std::move(index);
  }
}

}  // namespace

Result<model::Statistics> ReadLiveStatistics(verify::PgConnection& connection, const LiveStatisticsOptions& options) {
  model::Statistics statistics;
  statistics.origin = model::Statistics::Origin::kLive;
  statistics.server_version = connection.server_version();
  DBARCH_RETURN_IF_ERROR(ReadTables(connection, &statistics));
  if (options.column_statistics) ReadColumns(connection, &statistics);
  ReadIndexes(connection, &statistics);
  auto reset = connection.Query("SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()");
  if (reset.ok() && reset->rows() == 1) statistics.stats_reset = reset->GetOptional(0, "stats_reset");
  bool never_analyzed = false;
  for (const auto& [name, table] : statistics.tables) never_analyzed |= table.rows < 0;
  if (never_analyzed) {
    statistics.notes.push_back("some tables were never analyzed (reltuples = -1): their row counts are unknown; "
                               "run ANALYZE for better advice");
  }
  return statistics;
}

}  // namespace dbarch::sources
