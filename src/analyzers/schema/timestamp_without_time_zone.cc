// schema/timestamp-without-time-zone: a column of type timestamp (without time zone).
#include <fmt/format.h>

#include "analyzers/schema/catalog_facts.h"
#include "analyzers/schema/schema_check.h"

namespace dbarch::analyzers::schema {

namespace {

constexpr std::string_view kTimestamp = "timestamp without time zone";

void Run(const SchemaCheck& self, const model::Catalog& catalog, Findings* out) {
  for (const auto& [name, table] : catalog.tables) {
    if (IsPartition(table)) continue;  // an ALTER on the parent changes every partition
    for (const auto& column : table.columns) {
      if (column.type.name != kTimestamp) continue;
      Finding f = self.NewFinding(column.location.known() ? column.location : table.location,
                                  name.ToString() + "." + column.name);
      f.message = fmt::format("Column {}.{} is timestamp without time zone.", name.ToString(), column.name);
      f.explanation =
          "A timestamp without time zone is a wall-clock reading, not an instant: the same value means "
          "different moments for sessions in different time zones, values repeat or vanish at DST changes, "
          "and comparisons with now() (a timestamptz) silently depend on the session's TimeZone setting. "
          "timestamptz stores a UTC instant in the same 8 bytes and converts on display. The fix assumes "
          "the stored values are UTC (adjust the AT TIME ZONE literal otherwise). It REWRITES the table and "
          "its indexes while holding an ACCESS EXCLUSIVE lock (no reads or writes) for the whole rewrite; on "
          "PostgreSQL 12+ the conversion without USING skips the rewrite when the session TimeZone is UTC "
          "(SET timezone = 'UTC'), which is the cheaper path if the values are UTC. Big tables otherwise "
          "need a new column, a batched backfill and a swap.";
      f.evidence.push_back(fmt::format("{} {}", column.name, column.type.ToSql()));
      if (column.type.array_dims == 0) {
        model::TypeName target = column.type;
        target.name = "timestamp with time zone";
        std::string col = model::QuoteIdent(column.name);
        f.fix_sql = fmt::format("ALTER TABLE {} ALTER COLUMN {} TYPE {} USING {} AT TIME ZONE 'UTC';",
                                name.ToSql(), col, target.ToSql() == "timestamp with time zone" ? "timestamptz"
                                                                                                : target.ToSql(),
                                col);
      }
      out->push_back(std::move(f));
    }
  }
}

}  // namespace

const SchemaCheck& TimestampWithoutTimeZoneCheck() {
  static const SchemaCheck kCheck{"schema/timestamp-without-time-zone",
                                  "timestamp column without time zone (use timestamptz)", Severity::kWarning, &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::schema
