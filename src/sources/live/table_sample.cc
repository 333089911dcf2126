#include "sources/live/table_sample.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace dbarch::sources {
namespace {

struct LiveTable {
  std::string schema, name, quoted;  // quoted: schema.name as SQL
  double estimated_rows = -1;        // pg_class.reltuples (-1 = never analyzed)
  std::vector<std::string> columns, quoted_columns;
};

std::string DisplayName(const LiveTable& t) { return t.schema == "public" ? t.name : t.schema + "." + t.name; }

Result<std::vector<LiveTable>> ListTables(verify::PgConnection& connection) {
  auto result = connection.Query(R"sql(
    SELECT n.nspname, c.relname, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS quoted,
           c.reltuples::float8 AS reltuples,
           string_agg(a.attname, E'\x1f' ORDER BY a.attnum) AS columns,
           string_agg(quote_ident(a.attname), E'\x1f' ORDER BY a.attnum) AS quoted_columns
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
      AND has_table_privilege(c.oid, 'SELECT')
    GROUP BY n.nspname, c.relname, c.reltuples
    ORDER BY c.reltuples DESC, n.nspname, c.relname)sql");
  if (!result.ok()) return Status::Unavailable("cannot list the tables: " + result.status().message());
  auto split = [](const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
      std::size_t end = text.find('\x1f', start);
      out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return out;
  };
  std::vector<LiveTable> tables;
  for (int i = 0; i < result->rows(); ++i) {
    LiveTable t;
    t.schema = result->Get(i, "nspname");
    t.name = result->Get(i, "relname");
    t.quoted = result->Get(i, "quoted");
    t.estimated_rows = std::stod(result->Get(i, "reltuples"));
    t.columns = split(result->Get(i, "columns"));
    t.quoted_columns = split(result->Get(i, "quoted_columns"));
    tables.push_back(std::move(t));
  }
  return tables;
}

bool Matches(const LiveTable& t, const std::string& wanted) {
  return wanted == t.name || wanted == t.schema + "." + t.name;
}

}  // namespace

Result<TableSamples> SampleLiveTables(verify::PgConnection& connection, const TableSampleOptions& options) {
  auto listed = ListTables(connection);
  if (!listed.ok()) return listed.status();
  std::vector<LiveTable> chosen;
  if (options.tables.empty()) {
    chosen = std::move(listed).value();
  } else {
    for (const auto& wanted : options.tables) {
      auto it = std::find_if(listed->begin(), listed->end(), [&](const LiveTable& t) { return Matches(t, wanted); });
      if (it == listed->end()) {
        return Status::InvalidInput(fmt::format("--table {}: no such table (or no SELECT privilege on it)", wanted));
      }
      chosen.push_back(*it);
    }
  }
  TableSamples out;
  if (options.max_tables > 0 && static_cast<int>(chosen.size()) > options.max_tables) {
    for (std::size_t i = static_cast<std::size_t>(options.max_tables); i < chosen.size(); ++i) {
      out.notes.push_back(fmt::format("{}: not sampled (only the {} largest tables are)", DisplayName(chosen[i]),
                                      options.max_tables));
    }
    chosen.resize(static_cast<std::size_t>(options.max_tables));
  }
  for (const auto& t : chosen) {
    std::string select;
    for (const auto& column : t.quoted_columns) select += (select.empty() ? "" : ", ") + column + "::text";
    // Sample only when the table is clearly larger than wanted; a table never analyzed is read up to max_rows.
    std::string sample;
    std::string how = "all rows";
    if (t.estimated_rows > 1.5 * static_cast<double>(options.max_rows)) {
      const double percent = std::min(100.0, 100.0 * 1.2 * static_cast<double>(options.max_rows) / t.estimated_rows);
      sample = fmt::format(" TABLESAMPLE BERNOULLI ({:.6f}) REPEATABLE ({})", percent, options.seed);
      how = fmt::format("a {:.4g} % sample of ~{:.0f} rows", percent, t.estimated_rows);
    } else if (t.estimated_rows < 0) {
      how = "the first rows (never analyzed)";
    }
    const std::string sql =
        fmt::format("SELECT {} FROM {}{} LIMIT {}", select, t.quoted, sample, options.max_rows);
    auto rows = connection.Query(sql);
    if (!rows.ok()) {
      out.notes.push_back(fmt::format("{}: not sampled: {}", DisplayName(t), rows.status().message()));
      continue;
    }
    analyzers::normalize::TableData data;
    data.name = DisplayName(t);
    data.columns = t.columns;
    data.null_string = kSampledNull;
    for (int r = 0; r < rows->rows(); ++r) {
      std::vector<std::string> row;
      row.reserve(t.columns.size());
      for (int c = 0; c < static_cast<int>(t.columns.size()); ++c) {
        row.push_back(rows->IsNull(r, c) ? std::string(kSampledNull) : std::string(rows->Get(r, c)));
      }
      data.rows.push_back(std::move(row));
    }
    data.source = fmt::format("live table {} ({} read: {} rows)", DisplayName(t), how, data.rows.size());
    out.tables.push_back(std::move(data));
  }
  return out;
}

}  // namespace dbarch::sources
