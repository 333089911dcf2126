// health/stale-statistics: tables changed a lot since their last ANALYZE (or never analyzed): the planner
// works from old row counts and distributions.
#include <fmt/format.h>

#include "analyzers/health/health_check.h"

namespace dbarch::analyzers::health {
namespace {

void Run(const HealthCheck& self, const sources::HealthSnapshot& snapshot, const HealthThresholds& limits,
         Findings* out) {
  for (const sources::HealthTable& table : snapshot.tables) {
    const double modified = static_cast<double>(table.modified_since_analyze);
    const double live = static_cast<double>(table.live_tuples);
    if (modified < limits.stale_statistics_min) continue;
    if (live > 0 && modified / live < limits.stale_statistics_ratio) continue;
    const std::string name = Qualified(table.schema, table.name);
    Finding f = self.NewFinding(
        Severity::kWarning, name,
        table.seconds_since_analyze
            ? fmt::format("Table {} has had {} rows modified since it was last analyzed {} ago.", name, Count(modified),
                          Duration(*table.seconds_since_analyze))
            : fmt::format("Table {} has had {} rows modified and was never analyzed.", name, Count(modified)));
    f.evidence.push_back(fmt::format("n_mod_since_analyze {}, n_live_tup {}", Count(modified), Count(live)));
    if (!table.autovacuum_enabled) f.evidence.push_back("autovacuum (and so autoanalyze) is disabled for this table");
    f.explanation = fmt::format(
        "The planner estimates row counts from the statistics ANALYZE gathered; after large changes its plans "
        "can be far off (nested loops over what is now millions of rows). Thresholds: at least {} modified rows "
        "and {} of the live rows. Autoanalyze waits for 10% of the table to change by default "
        "(autovacuum_analyze_scale_factor).",
        Count(limits.stale_statistics_min), Percent(limits.stale_statistics_ratio));
    f.fix_sql = fmt::format("ANALYZE VERBOSE {};\nALTER TABLE {} SET (autovacuum_analyze_scale_factor = 0.02);", name, name);
    out->push_back(std::move(f));
  }
}

}  // namespace

const HealthCheck& StaleStatisticsCheck() {
  static const HealthCheck kCheck{"health/stale-statistics", "tables changed a lot since their last ANALYZE", &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::health
