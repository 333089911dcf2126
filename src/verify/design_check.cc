#include "verify/design_check.h"

#include <fmt/format.h>

namespace dbarch::verify {
namespace {

// One value in COPY's text format: NULL as \N, backslash, tab and newlines escaped.
void AppendCopyValue(std::string* out, const std::string& v) {
  for (char c : v) {
    switch (c) {
      case '\\': *out += "\\\\"; break;
      case '\t': *out += "\\t"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      default: *out += c;
    }
  }
}

Result<long long> Count(PgConnection& connection, const std::string& sql) {
  auto r = connection.Query(sql);
  if (!r.ok()) return r.status();
  return std::stoll(std::string(r->Get(0, 0)));
}

}  // namespace

DesignVerification VerifyDesign(PgConnection& connection, const analyzers::normalize::TableData& table,
                                const analyzers::normalize::DesignSql& sql,
                                const std::vector<std::string>& new_tables) {
  DesignVerification v;
  if (Status s = connection.Execute(sql.staging_ddl); !s.ok()) {
    v.not_run_reason = "creating the staging table failed: " + s.message();
    return v;
  }
  size_t next = 0;
  auto copied = connection.CopyIn(fmt::format("COPY {} FROM STDIN", sql.staging_table), [&](std::string* chunk) {
    chunk->clear();
    for (; next < table.rows.size() && chunk->size() < (1 << 20); ++next) {
      const auto& row = table.rows[next];
      for (size_t c = 0; c < row.size(); ++c) {
        if (c) *chunk += '\t';
        if (table.IsNull(row[c])) *chunk += "\\N";
        else AppendCopyValue(chunk, row[c]);
      }
      *chunk += '\n';
    }
    return !chunk->empty();
  });
  if (!copied.ok()) {
    v.not_run_reason = "loading the original rows failed: " + copied.status().message();
    return v;
  }
  v.ran = true;
  if (Status s = connection.Execute(sql.migration); !s.ok()) {
    v.migration_error = s.message();
    (void)connection.Execute("ROLLBACK");
    return v;
  }
  v.migration_ok = true;
  auto distinct = Count(connection, fmt::format("SELECT count(*) FROM (SELECT DISTINCT * FROM {}) AS d", sql.staging_table));
  auto missing = Count(connection, sql.missing_rows_query);
  auto extra = Count(connection, sql.extra_rows_query);
  if (!distinct.ok() || !missing.ok() || !extra.ok()) {
    v.migration_ok = false;
    v.migration_error = !missing.ok() ? missing.status().message()
                        : !extra.ok() ? extra.status().message()
                                      : distinct.status().message();
    return v;
  }
  v.original_rows = *distinct;
  v.missing_rows = *missing;
  v.extra_rows = *extra;
  for (const auto& name : new_tables) {
    auto n = Count(connection, fmt::format("SELECT count(*) FROM {}", analyzers::normalize::QuoteIdent(name)));
    v.table_rows.emplace_back(name, n.ok() ? *n : -1);
  }
  return v;
}

}  // namespace dbarch::verify
