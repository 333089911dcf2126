// health/deadlocks: transactions the server had to abort because they waited on each other.
#include <fmt/format.h>

#include "analyzers/health/health_check.h"

namespace dbarch::analyzers::health {
namespace {

void Run(const HealthCheck& self, const sources::HealthSnapshot& snapshot, const HealthThresholds& limits,
         Findings* out) {
  if (!snapshot.database_stats) return;
  const double deadlocks = static_cast<double>(snapshot.database_stats->deadlocks);
  if (deadlocks <= 0 || deadlocks < limits.deadlocks) return;
  Finding f = self.NewFinding(Severity::kWarning, snapshot.database,
                              fmt::format("Database {} had {} deadlock(s).", snapshot.database, Count(deadlocks)));
  f.evidence.push_back(fmt::format("pg_stat_database.deadlocks = {}", Count(deadlocks)));
  if (snapshot.database_stats->stats_reset) {
    f.evidence.push_back(fmt::format("since {}", *snapshot.database_stats->stats_reset));
  }
  f.explanation = fmt::format(
      "Each deadlock aborted a transaction after deadlock_timeout. They come from transactions locking the same "
      "rows in different orders; the server log has both statements (dbarch logs shows them). Lock rows in a "
      "fixed order (e.g. ORDER BY id … FOR UPDATE) and retry on SQLSTATE 40P01. Threshold: {}.",
      Count(limits.deadlocks));
  f.fix_sql = "ALTER SYSTEM SET log_lock_waits = on;\nSELECT pg_reload_conf();";
  out->push_back(std::move(f));
}

}  // namespace

const HealthCheck& DeadlocksCheck() {
  static const HealthCheck kCheck{"health/deadlocks", "deadlocks since statistics were reset", &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::health
