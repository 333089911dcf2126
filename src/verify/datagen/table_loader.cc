#include "verify/datagen/table_loader.h"

#include <algorithm>

#include <fmt/format.h>

namespace dbarch::verify::datagen {
namespace {

constexpr size_t kChunkBytes = 1 << 20;

std::string ColumnList(PgConnection& connection, const std::vector<std::string>& columns, const std::string& prefix = "") {
  std::string out;
  for (const auto& column : columns) {
    if (!out.empty()) out += ", ";
    out += prefix + connection.QuoteIdentifier(column);
  }
  return out;
}

// Streams rows [0, rows) of `append` in chunks of about a megabyte.
Result<long long> CopyRows(PgConnection& connection, const std::string& copy_sql, int64_t rows,
                           const std::function<void(int64_t row, std::string* out)>& append,
                           const std::function<void(int64_t rows)>& progress) {
  int64_t next = 0;
  return connection.CopyIn(copy_sql, [&](std::string* chunk) {
    if (chunk->capacity() < kChunkBytes + 4096) chunk->reserve(kChunkBytes + 4096);
    while (next < rows && chunk->size() < kChunkBytes) append(next++, chunk);
    if (progress) progress(next);
    return next < rows;
  });
}

}  // namespace

Result<TableLoad> LoadPlannedTable(PgConnection& connection, const TablePlan& plan, bool freeze,
                                   const std::function<void(int64_t rows)>& progress) {
  TableLoad result;
  result.generated = plan.rows();
  if (plan.rows() == 0) return result;
  const std::string columns = ColumnList(connection, plan.copy_columns());
  auto append = [&](int64_t row, std::string* out) { plan.AppendRow(row, out); };
  if (!plan.needs_staging()) {
    auto copied = CopyRows(connection, fmt::format("COPY {} ({}) FROM STDIN{}", plan.table().ToSql(), columns,
                                                   freeze ? " WITH (FREEZE)" : ""),
                           plan.rows(), append, progress);
    if (!copied.ok()) return copied.status();
    result.loaded = copied.value();
    return result;
  }
  // Staging: base types (a domain's CHECKs are re-applied by the filters), no constraints.
  result.staged = true;
  std::string definition;
  for (const auto& column : plan.copy_columns()) {
    auto type = plan.staging_types().find(column);
    std::string type_sql;
    if (type != plan.staging_types().end()) {
      type_sql = type->second;
    } else {
      auto found = connection.QueryParams(
          "SELECT format_type(a.atttypid, a.atttypmod) AS t FROM pg_attribute a "
          "WHERE a.attrelid = $1::regclass AND a.attname = $2 AND NOT a.attisdropped",
          {plan.table().ToSql(), column});
      if (!found.ok()) return found.status();
      if (found->rows() != 1) return Status::Internal("column " + column + " not found in " + plan.table().ToString());
      type_sql = found->Get(0, "t");
    }
    if (!definition.empty()) definition += ", ";
    definition += connection.QuoteIdentifier(column) + " " + type_sql;
  }
  DBARCH_RETURN_IF_ERROR(connection.Execute("DROP TABLE IF EXISTS pg_temp.dbarch_stage"));
  DBARCH_RETURN_IF_ERROR(connection.Execute("CREATE TEMP TABLE dbarch_stage (" + definition + ")"));
  auto copied = CopyRows(connection, fmt::format("COPY pg_temp.dbarch_stage ({}) FROM STDIN", columns), plan.rows(),
                         append, progress);
  if (!copied.ok()) return copied.status();
  std::string where;
  for (const auto& filter : plan.filters()) where += (where.empty() ? " WHERE (" : " AND (") + filter + ")";
  auto inserted = connection.Query(fmt::format(
      "WITH inserted AS (INSERT INTO {} ({}) OVERRIDING SYSTEM VALUE SELECT {} FROM pg_temp.dbarch_stage{}{} "
      "RETURNING 1) "
      "SELECT count(*) AS n FROM inserted",
      plan.table().ToSql(), columns, columns, where, plan.needs_conflict_skip() ? " ON CONFLICT DO NOTHING" : ""));
  if (!inserted.ok()) return inserted.status();
  result.loaded = inserted->GetInt(0, "n");
  DBARCH_RETURN_IF_ERROR(connection.Execute("DROP TABLE pg_temp.dbarch_stage"));
  return result;
}

Status FillNullFirstKeys(PgConnection& connection, const TablePlan& plan, const std::vector<std::string>& key_columns) {
  std::vector<std::string> fk_columns;
  for (const auto& [constraint, columns] : plan.null_first()) fk_columns.insert(fk_columns.end(), columns.begin(), columns.end());
  if (fk_columns.empty() || plan.rows() == 0) return Status::Ok();
  std::vector<std::string> all = key_columns;
  all.insert(all.end(), fk_columns.begin(), fk_columns.end());
  std::string definition;
  for (const auto& column : all) {
    if (!definition.empty()) definition += ", ";
    definition += fmt::format("{0} text", connection.QuoteIdentifier(column));
  }
  DBARCH_RETURN_IF_ERROR(connection.Execute("DROP TABLE IF EXISTS pg_temp.dbarch_fill"));
  DBARCH_RETURN_IF_ERROR(connection.Execute("CREATE TEMP TABLE dbarch_fill (" + definition + ")"));
  auto copied = CopyRows(connection, fmt::format("COPY pg_temp.dbarch_fill ({}) FROM STDIN", ColumnList(connection, all)),
                         plan.rows(),
                         [&](int64_t row, std::string* out) { plan.AppendColumns(row, all, true, out); }, {});
  if (!copied.ok()) return copied.status();
  // The fill table holds text; compare and assign through each column's own type.
  std::string set, join;
  for (const auto& column : all) {
    auto found = connection.QueryParams(
        "SELECT format_type(a.atttypid, a.atttypmod) AS t FROM pg_attribute a "
        "WHERE a.attrelid = $1::regclass AND a.attname = $2 AND NOT a.attisdropped",
        {plan.table().ToSql(), column});
    if (!found.ok()) return found.status();
    if (found->rows() != 1) return Status::Internal("column " + column + " not found in " + plan.table().ToString());
    const std::string type = found->Get(0, "t");
    const std::string quoted = connection.QuoteIdentifier(column);
    if (std::find(key_columns.begin(), key_columns.end(), column) != key_columns.end()) {
      join += fmt::format("{}t.{} = f.{}::{}", join.empty() ? "" : " AND ", quoted, quoted, type);
    } else {
      set += fmt::format("{}{} = f.{}::{}", set.empty() ? "" : ", ", quoted, quoted, type);
    }
  }
  DBARCH_RETURN_IF_ERROR(connection.Execute(
      fmt::format("UPDATE {} AS t SET {} FROM pg_temp.dbarch_fill AS f WHERE {}", plan.table().ToSql(), set, join)));
  return connection.Execute("DROP TABLE pg_temp.dbarch_fill");
}

}  // namespace dbarch::verify::datagen
