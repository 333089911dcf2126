// health/dead-tuples: tables where dead rows pile up because (auto)vacuum does not keep up or is off.
#include <fmt/format.h>

#include "analyzers/health/health_check.h"

namespace dbarch::analyzers::health {
namespace {

void Run(const HealthCheck& self, const sources::HealthSnapshot& snapshot, const HealthThresholds& limits,
         Findings* out) {
  for (const sources::HealthTable& table : snapshot.tables) {
    const double dead = static_cast<double>(table.dead_tuples);
    const double total = dead + static_cast<double>(table.live_tuples);
    if (dead < limits.dead_tuples_min || total <= 0 || dead / total < limits.dead_tuples_ratio) continue;
    const std::string name = Qualified(table.schema, table.name);
    Finding f = self.NewFinding(Severity::kWarning, name,
                                fmt::format("Table {} has {} dead rows ({} of its rows).", name, Count(dead),
                                            Percent(dead / total)));
    f.evidence.push_back(fmt::format("n_dead_tup {}, n_live_tup {}", Count(dead), Count(static_cast<double>(table.live_tuples))));
    f.evidence.push_back(table.seconds_since_vacuum ? fmt::format("last vacuum {} ago", Duration(*table.seconds_since_vacuum))
                                                    : "never vacuumed since statistics were reset");
    if (!table.autovacuum_enabled) f.evidence.push_back("autovacuum is disabled for this table (autovacuum_enabled = off)");
    f.explanation = fmt::format(
        "Dead rows take space and are read by every sequential scan until VACUUM makes their space reusable; "
        "index scans visit them too. Thresholds: at least {} dead rows and {} of the table. {}",
        Count(limits.dead_tuples_min), Percent(limits.dead_tuples_ratio),
        table.autovacuum_enabled
            ? "Autovacuum waits for 20% of the table to change by default (autovacuum_vacuum_scale_factor); a "
              "lower per-table factor makes it run sooner on large or busy tables."
            : "Autovacuum is off for this table, so only a manual VACUUM removes them; turn it back on.");
    f.fix_sql = fmt::format("VACUUM (VERBOSE, ANALYZE) {};\n{}", name,
                            table.autovacuum_enabled
                                ? fmt::format("ALTER TABLE {} SET (autovacuum_vacuum_scale_factor = 0.05);", name)
                                : fmt::format("ALTER TABLE {} RESET (autovacuum_enabled);", name));
    out->push_back(std::move(f));
  }
}

}  // namespace

const HealthCheck& DeadTuplesCheck() {
  static const HealthCheck kCheck{"health/dead-tuples", "tables with many dead rows (vacuum falling behind)", &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::health
