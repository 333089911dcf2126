// health/unused-index: indexes never scanned since statistics were reset, that enforce nothing.
#include <fmt/format.h>

#include "analyzers/health/health_check.h"

namespace dbarch::analyzers::health {
namespace {

void Run(const HealthCheck& self, const sources::HealthSnapshot& snapshot, const HealthThresholds& limits,
         Findings* out) {
  for (const sources::HealthIndex& index : snapshot.indexes) {
    if (index.scans > 0 || !index.valid || index.unique || index.primary || index.backs_constraint) continue;
    if (static_cast<double>(index.bytes) < limits.unused_index_min_bytes) continue;
    const std::string name = Qualified(index.schema, index.name);
    Finding f = self.NewFinding(Severity::kInfo, name,
                                fmt::format("Index {} ({}) has not been used since statistics were reset.", name,
                                            Bytes(static_cast<double>(index.bytes))));
    f.evidence.push_back(fmt::format("idx_scan = 0; definition: {}", index.definition));
    if (snapshot.database_stats && snapshot.database_stats->stats_reset) {
      f.evidence.push_back(fmt::format("statistics reset at {}", *snapshot.database_stats->stats_reset));
    }
    f.explanation = fmt::format(
        "An index nobody reads still costs every INSERT and most UPDATEs, WAL, and cache space. Usage counters "
        "are per server: check the standbys (and a full business cycle, e.g. month-end jobs) before dropping. "
        "Threshold: indexes of at least {}; unique and constraint indexes are never reported.",
        Bytes(limits.unused_index_min_bytes));
    f.fix_sql = fmt::format("DROP INDEX CONCURRENTLY {};", name);
    out->push_back(std::move(f));
  }
}

}  // namespace

const HealthCheck& UnusedIndexCheck() {
  static const HealthCheck kCheck{"health/unused-index", "indexes never scanned (idx_scan = 0)", &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::health
