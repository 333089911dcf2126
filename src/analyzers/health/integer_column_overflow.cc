// health/integer-column-overflow: an int2/int4 column filled from a sequence whose values approach the
// column type's maximum (the sequence may well be bigint: the INSERT fails with "integer out of range").
#include <fmt/format.h>

#include "analyzers/health/health_check.h"

namespace dbarch::analyzers::health {
namespace {

void Run(const HealthCheck& self, const sources::HealthSnapshot& snapshot, const HealthThresholds& limits,
         Findings* out) {
  for (const sources::HealthSequenceColumn& column : snapshot.sequence_columns) {
    if (!column.last_value || column.type_max <= 0) continue;
    const double used = static_cast<double>(*column.last_value) / static_cast<double>(column.type_max);
    if (used < limits.sequence_used_warning) continue;
    const std::string table = Qualified(column.schema, column.table);
    Finding f = self.NewFinding(
        used >= limits.sequence_used_error ? Severity::kError : Severity::kWarning,
        table + "." + Identifier(column.column),
        fmt::format("Column {}.{} ({}) is filled from {} and has used {} of its type's range.", table,
                    Identifier(column.column), column.data_type, column.sequence, Percent(used)));
    f.evidence.push_back(fmt::format("{} last_value {} of {} maximum {}", column.sequence,
                                     Count(static_cast<double>(*column.last_value)), column.data_type,
                                     Count(static_cast<double>(column.type_max))));
    f.evidence.push_back(fmt::format("ids left: {}", Count(static_cast<double>(column.type_max) - static_cast<double>(*column.last_value))));
    f.explanation = fmt::format(
        "Once the sequence passes the column type's maximum every INSERT fails with \"integer out of range\". "
        "Thresholds: warning {}, error {}. ALTER COLUMN … TYPE bigint rewrites the table and its indexes under an "
        "ACCESS EXCLUSIVE lock; on a large table add a bigint column, backfill it in batches, and swap it in "
        "(dbarch diff plans that). Foreign keys referencing the column must change type too.",
        Percent(limits.sequence_used_warning), Percent(limits.sequence_used_error));
    f.fix_sql = fmt::format("ALTER SEQUENCE {} AS bigint;\nALTER TABLE {} ALTER COLUMN {} TYPE bigint;", column.sequence,
                            table, Identifier(column.column));
    out->push_back(std::move(f));
  }
}

}  // namespace

const HealthCheck& IntegerColumnOverflowCheck() {
  static const HealthCheck kCheck{"health/integer-column-overflow",
                                  "int2/int4 columns fed by a sequence near the type's maximum", &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::health
