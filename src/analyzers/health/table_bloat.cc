// health/table-bloat: tables whose pages hold much less data than they could (estimated from pg_stats).
#include <fmt/format.h>

#include "analyzers/health/health_check.h"

namespace dbarch::analyzers::health {
namespace {

void Run(const HealthCheck& self, const sources::HealthSnapshot& snapshot, const HealthThresholds& limits,
         Findings* out) {
  for (const sources::HealthTable& table : snapshot.tables) {
    const double bloat = static_cast<double>(table.estimated_bloat_bytes);
    if (table.table_bytes <= 0 || bloat < limits.table_bloat_min_bytes) continue;
    const double ratio = bloat / static_cast<double>(table.table_bytes);
    if (ratio < limits.table_bloat_ratio) continue;
    const std::string name = Qualified(table.schema, table.name);
    Finding f = self.NewFinding(Severity::kWarning, name,
                                fmt::format("Table {} is about {} bloated: {} of its {} hold no live rows.", name,
                                            Percent(ratio), Bytes(bloat), Bytes(static_cast<double>(table.table_bytes))));
    f.evidence.push_back(fmt::format("table size {}, estimated reclaimable {}", Bytes(static_cast<double>(table.table_bytes)),
                                     Bytes(bloat)));
    f.evidence.push_back(fmt::format("n_live_tup {}, n_dead_tup {}", Count(static_cast<double>(table.live_tuples)),
                                     Count(static_cast<double>(table.dead_tuples))));
    f.explanation = fmt::format(
        "Estimated from the rows' average widths in pg_stats (the check_postgres/PgHero method): an estimate, "
        "good for large differences only. Plain VACUUM makes the space reusable but does not return it; "
        "VACUUM FULL rewrites the table compactly under an ACCESS EXCLUSIVE lock (no reads or writes until it "
        "ends); pg_repack or pg_squeeze do the same online. Thresholds: {} and at least {}.",
        Percent(limits.table_bloat_ratio), Bytes(limits.table_bloat_min_bytes));
    f.fix_sql = fmt::format("-- blocks the table for the rewrite; online: pg_repack --table={}\nVACUUM (FULL, VERBOSE, ANALYZE) {};",
                            name, name);
    out->push_back(std::move(f));
  }
}

}  // namespace

const HealthCheck& TableBloatCheck() {
  static const HealthCheck kCheck{"health/table-bloat", "tables with much more space than their rows need (estimate)", &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::health
