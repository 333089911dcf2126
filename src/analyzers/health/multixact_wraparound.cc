// health/multixact-wraparound: the same 32-bit limit for multixact IDs (row locks shared by several
// transactions: foreign keys, SELECT … FOR SHARE).
#include <fmt/format.h>

#include "analyzers/health/health_check.h"

namespace dbarch::analyzers::health {
namespace {

Severity Level(double age, const HealthThresholds& limits) {
  return age >= limits.multixact_age_error ? Severity::kError : Severity::kWarning;
}

void Run(const HealthCheck& self, const sources::HealthSnapshot& snapshot, const HealthThresholds& limits,
         Findings* out) {
  const std::string explanation = fmt::format(
      "Multixact IDs are 32-bit like transaction IDs and wrap around the same way; autovacuum forces freezing "
      "them after autovacuum_multixact_freeze_max_age (400 million by default). Heavy foreign-key checks and "
      "SELECT … FOR SHARE consume them. Thresholds: warning {}, error {}. VACUUM (FREEZE) replaces old "
      "multixacts.",
      Count(limits.multixact_age_warning), Count(limits.multixact_age_error));
  for (const sources::HealthDatabaseAge& database : snapshot.database_ages) {
    if (database.multixact_age < limits.multixact_age_warning) continue;
    Finding f = self.NewFinding(Level(database.multixact_age, limits), database.name,
                                fmt::format("Database {} has multixact age {}.", database.name, Count(database.multixact_age)));
    f.evidence.push_back(fmt::format("mxid_age(datminmxid) = {}", Count(database.multixact_age)));
    f.explanation = explanation;
    f.fix_sql = fmt::format("-- connected to database {}:\nVACUUM (FREEZE, VERBOSE);", database.name);
    out->push_back(std::move(f));
  }
  for (const sources::HealthTable& table : snapshot.tables) {
    if (table.multixact_age < limits.multixact_age_warning) continue;
    const std::string name = Qualified(table.schema, table.name);
    Finding f = self.NewFinding(Level(table.multixact_age, limits), name,
                                fmt::format("Table {} has multixact age {}.", name, Count(table.multixact_age)));
    f.evidence.push_back(fmt::format("mxid_age(relminmxid) = {}", Count(table.multixact_age)));
    f.explanation = explanation;
    f.fix_sql = fmt::format("VACUUM (FREEZE, VERBOSE) {};", name);
    out->push_back(std::move(f));
  }
}

}  // namespace

const HealthCheck& MultixactWraparoundCheck() {
  static const HealthCheck kCheck{"health/multixact-wraparound", "multixact ID age approaching wraparound", &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::health
