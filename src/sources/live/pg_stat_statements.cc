#include "sources/live/pg_stat_statements.h"

#include <algorithm>

#include <fmt/format.h>

#include "sources/workload_loader.h"
#include "sql/parser.h"

namespace dbarch::sources {

Status AddPgStatStatements(verify::PgConnection& connection, const model::Catalog& catalog,
                           const PgStatStatementsOptions& options, model::Workload* workload,
                           std::vector<std::string>* notes) {
  auto installed = connection.Query("SELECT extversion FROM pg_extension WHERE extname = 'pg_stat_statements'");
  if (!installed.ok() || installed->rows() == 0) {
    notes->push_back("pg_stat_statements is not installed in this database, so the workload comes only from query "
                     "files; to enable it: shared_preload_libraries = 'pg_stat_statements' and "
                     "CREATE EXTENSION pg_stat_statements");
    return Status::Ok();
  }
  // PostgreSQL 13 split planning and execution time; before that the columns were total_time etc.
  const bool split_times = connection.server_version() >= 130000;
  const std::string time = split_times ? "exec_time" : "time";
  auto rows = connection.QueryParams(
      fmt::format("SELECT s.queryid::text AS queryid, s.query, s.calls, s.total_{0} AS total_ms, s.mean_{0} AS mean_ms, "
                  "s.min_{0} AS min_ms, s.max_{0} AS max_ms, s.stddev_{0} AS stddev_ms, s.rows "
                  "FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid "
                  "WHERE d.datname = current_database() ORDER BY s.total_{0} DESC LIMIT $1",
                  time),
      {std::to_string(options.limit)});
  if (!rows.ok()) {
    notes->push_back("pg_stat_statements could not be read (" + rows.status().message() +
                     "); grant pg_read_all_stats to the role dbarch connects as");
    return Status::Ok();
  }
  int hidden = 0, unparsable = 0, truncated = 0;
  for (int row = 0; row < rows->rows(); ++row) {
    const std::string text = rows->Get(row, "query");
    if (text == "<insufficient privilege>") {
      ++hidden;
      continue;
    }
    const std::string name = "pg_stat_statements:" + rows->Get(row, "queryid");
    auto parsed = sql::ParseString(name, text);
    if (!parsed.ok()) {
      // Texts longer than track_activity_query_size are cut off and no longer parse.
      if (text.size() >= 1000) ++truncated; else ++unparsable;
      continue;
    }
    for (const sql::Statement& statement : parsed->statements) {
      model::Query query = AnalyzeQuery(statement, catalog);
      if (query.kind == model::StatementKind::kOther && !options.include_utility) continue;
      model::QueryObservation observed;
      observed.source = "pg_stat_statements";
      observed.total_ms = rows->GetDouble(row, "total_ms");
      observed.mean_ms = rows->GetDouble(row, "mean_ms");
      observed.min_ms = rows->GetDouble(row, "min_ms");
      observed.max_ms = rows->GetDouble(row, "max_ms");
      observed.stddev_ms = rows->GetDouble(row, "stddev_ms");
      observed.rows = rows->GetDouble(row, "rows");
      const double calls = rows->GetDouble(row, "calls");
      auto same = std::find_if(workload->queries.begin(), workload->queries.end(),
                               [&](const model::Query& q) { return !q.fingerprint.empty() && q.fingerprint == query.fingerprint; });
      if (same != workload->queries.end()) {
        // Rows of several users for one statement, or a query also listed in a file: one entry.
        if (same->observed) {
          const double all_calls = same->calls + calls;
          observed.total_ms += same->observed->total_ms;
          observed.rows += same->observed->rows;
          observed.min_ms = std::min(observed.min_ms, same->observed->min_ms);
          observed.max_ms = std::max(observed.max_ms, same->observed->max_ms);
          observed.mean_ms = all_calls > 0 ? observed.total_ms / all_calls : 0;
          same->calls = all_calls;
        } else {
          same->calls = calls;  // the server's count replaces a file's guess
        }
        same->observed = observed;
        continue;
      }
      query.calls = calls;
      query.observed = observed;
      workload->queries.push_back(std::move(query));
    }
  }
  if (hidden > 0) {
    notes->push_back(fmt::format("{} pg_stat_statements entries belong to other roles and were hidden "
                                 "(<insufficient privilege>); grant pg_read_all_stats to see them", hidden));
  }
  if (truncated > 0) {
    notes->push_back(fmt::format("{} statements were truncated by track_activity_query_size and skipped; raise it "
                                 "to read them", truncated));
  }
  if (unparsable > 0) notes->push_back(fmt::format("{} pg_stat_statements texts did not parse and were skipped", unparsable));
  return Status::Ok();
}

}  // namespace dbarch::sources
