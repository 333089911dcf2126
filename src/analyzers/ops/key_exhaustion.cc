// int4 keys fed by a sequence run out at 2^31-1; at the workload's INSERT rate, when?
#include <fmt/format.h>

#include "analyzers/ops/ops_internal.h"

namespace dbarch::analyzers::ops {

void AdviseKeyExhaustion(const model::Catalog& catalog, const PressureMap& pressure, std::vector<Advice>& out) {
  for (const auto& key : NarrowSequenceKeys(catalog)) {
    auto it = pressure.find(key.table->name);
    if (it == pressure.end() || it->second.inserts <= 0) continue;
    const TablePressure& p = it->second;
    double years = key.max_value / (p.inserts * kHoursPerYear);
    Advice a;
    a.id = "perf/int4-key-exhaustion";
    a.title = fmt::format("{}.{} ({}) runs out of values in ~{} years at the current INSERT rate",
                          key.table->name.ToString(), key.column->name, key.column->type.ToSql(),
                          years >= 10 ? FormatCount(years) : fmt::format("{:.1f}", years));
    a.detail = fmt::format(
        "The primary key {}.{} is of type {} and fed by a sequence, so it stops at {} — every INSERT fails after that. "
        "At {} INSERT calls/h and one row per call that takes ~{:.1f} years; growth, multi-row inserts, rolled "
        "back transactions and INSERT … ON CONFLICT (which consumes a value on every attempt) shorten it. "
        "Converting later rewrites the table and every referencing foreign key under an exclusive lock, so "
        "switching to bigint is cheapest now. Monitor the sequence usage (see the monitoring plan). The "
        "sequence's real last_value (pg_sequences) would replace this projection from zero.",
        key.table->name.ToString(), key.column->name, key.column->type.ToSql(), FormatCount(key.max_value),
        FormatCount(p.inserts), years);
    a.evidence.push_back(fmt::format("{}.{} {}{}", key.table->name.ToString(), key.column->name,
                                     key.column->type.ToSql(),
                                     key.column->from_serial ? " (serial)"
                                     : key.column->identity != model::IdentityKind::kNone ? " (identity)"
                                                                                           : " (DEFAULT nextval)"));
    if (key.column->location.known()) a.evidence.push_back("declared at " + key.column->location.ToString());
    for (const auto* q : p.inserters) a.evidence.push_back(DescribeQuery(*q));
    std::string bigint_sql = fmt::format("ALTER TABLE {} ALTER COLUMN {} TYPE bigint;", key.table->name.ToSql(),
                                         model::QuoteIdent(key.column->name));
    a.snippet = "-- rewrites the table under ACCESS EXCLUSIVE; on a large table use a new column + backfill + swap\n" +
                bigint_sql + "\n";
    if (key.column->from_serial) {
      a.snippet += fmt::format("ALTER SEQUENCE {} AS bigint;\n",
                               model::QualifiedName{key.table->name.schema,
                                                    key.table->name.name + "_" + key.column->name + "_seq"}
                                   .ToSql());
    } else if (key.column->identity != model::IdentityKind::kNone) {
      a.snippet += "-- the identity sequence follows the column type change\n";
    }
    a.snippet += "-- referencing foreign key columns must be widened too\n";
    a.based_on = "schema+workload";
    out.push_back(std::move(a));
  }
}

}  // namespace dbarch::analyzers::ops
