// health/index-bloat: B-tree indexes much larger than their entries need (estimated from pg_stats).
#include <fmt/format.h>

#include "analyzers/health/health_check.h"

namespace dbarch::analyzers::health {
namespace {

void Run(const HealthCheck& self, const sources::HealthSnapshot& snapshot, const HealthThresholds& limits,
         Findings* out) {
  for (const sources::HealthIndex& index : snapshot.indexes) {
    const double bloat = static_cast<double>(index.estimated_bloat_bytes);
    if (!index.valid || index.bytes <= 0 || bloat < limits.index_bloat_min_bytes) continue;
    const double ratio = bloat / static_cast<double>(index.bytes);
    if (ratio < limits.index_bloat_ratio) continue;
    const std::string name = Qualified(index.schema, index.name);
    Finding f = self.NewFinding(Severity::kWarning, name,
                                fmt::format("Index {} is about {} bloated: {} of its {} could be reclaimed.", name,
                                            Percent(ratio), Bytes(bloat), Bytes(static_cast<double>(index.bytes))));
    f.evidence.push_back(fmt::format("definition: {}", index.definition));
    f.evidence.push_back(fmt::format("index size {}, estimated reclaimable {}", Bytes(static_cast<double>(index.bytes)),
                                     Bytes(bloat)));
    f.explanation = fmt::format(
        "B-tree pages emptied by deletes and updates are reused only for keys in the same range, so indexes on "
        "churned data grow. REINDEX CONCURRENTLY builds a compact copy beside the old one and swaps them without "
        "blocking writes (it needs the space of one more copy while it runs). Estimated from pg_stats widths "
        "(check_postgres/PgHero method). Thresholds: {} and at least {}.",
        Percent(limits.index_bloat_ratio), Bytes(limits.index_bloat_min_bytes));
    f.fix_sql = fmt::format("REINDEX INDEX CONCURRENTLY {};", name);
    out->push_back(std::move(f));
  }
}

}  // namespace

const HealthCheck& IndexBloatCheck() {
  static const HealthCheck kCheck{"health/index-bloat", "B-tree indexes much larger than their entries need (estimate)", &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::health
