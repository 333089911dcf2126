// health/xid-wraparound: databases and tables whose oldest unfrozen transaction ID is old. At 2^31 the
// server stops accepting writes to protect the data.
#include <fmt/format.h>

#include "analyzers/health/health_check.h"

namespace dbarch::analyzers::health {
namespace {

constexpr double kWraparound = 2147483648.0;

Severity Level(double age, const HealthThresholds& limits) {
  return age >= limits.xid_age_error ? Severity::kError : Severity::kWarning;
}

void Run(const HealthCheck& self, const sources::HealthSnapshot& snapshot, const HealthThresholds& limits,
         Findings* out) {
  const std::string explanation = fmt::format(
      "Transaction IDs are 32-bit: rows older than about 2 billion transactions must be frozen by VACUUM, or "
      "PostgreSQL refuses writes to avoid losing data (wraparound). Autovacuum forces freezing after "
      "autovacuum_freeze_max_age (200 million by default), so a much higher age means it cannot finish: a long "
      "transaction, an abandoned replication slot or prepared transaction holds the horizon back, or a table is "
      "too large for the vacuum cost limits. Thresholds: warning {}, error {}. VACUUM (FREEZE) freezes every row "
      "it can; check health/idle-in-transaction and health/inactive-replication-slot first when it does not help.",
      Count(limits.xid_age_warning), Count(limits.xid_age_error));
  for (const sources::HealthDatabaseAge& database : snapshot.database_ages) {
    if (database.xid_age < limits.xid_age_warning) continue;
    Finding f = self.NewFinding(Level(database.xid_age, limits), database.name,
                                fmt::format("Database {} is {} transactions old ({} of the way to wraparound).",
                                            database.name, Count(database.xid_age), Percent(database.xid_age / kWraparound)));
    f.evidence.push_back(fmt::format("age(datfrozenxid) = {}", Count(database.xid_age)));
    f.evidence.push_back(fmt::format("transactions left before writes stop: about {}",
                                     Count(kWraparound - 3'000'000 - database.xid_age)));
    f.explanation = explanation;
    f.fix_sql = fmt::format("-- connected to database {}:\nVACUUM (FREEZE, VERBOSE);", database.name);
    out->push_back(std::move(f));
  }
  for (const sources::HealthTable& table : snapshot.tables) {
    if (table.xid_age < limits.xid_age_warning) continue;
    const std::string name = Qualified(table.schema, table.name);
    Finding f = self.NewFinding(Level(table.xid_age, limits), name,
                                fmt::format("Table {} has rows {} transactions old that are not frozen.", name,
                                            Count(table.xid_age)));
    f.evidence.push_back(fmt::format("age(relfrozenxid) = {}", Count(table.xid_age)));
    f.evidence.push_back(table.seconds_since_vacuum ? fmt::format("last vacuum {} ago", Duration(*table.seconds_since_vacuum))
                                                    : "never vacuumed since statistics were reset");
    f.explanation = explanation;
    f.fix_sql = fmt::format("VACUUM (FREEZE, VERBOSE) {};", name);
    out->push_back(std::move(f));
  }
}

}  // namespace

const HealthCheck& XidWraparoundCheck() {
  static const HealthCheck kCheck{"health/xid-wraparound", "transaction ID age approaching wraparound", &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::health
