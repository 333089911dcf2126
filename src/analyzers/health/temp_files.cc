// health/temp-files: sorts and hashes that did not fit work_mem and spilled to disk.
#include <fmt/format.h>

#include "analyzers/health/health_check.h"

namespace dbarch::analyzers::health {
namespace {

void Run(const HealthCheck& self, const sources::HealthSnapshot& snapshot, const HealthThresholds& limits,
         Findings* out) {
  if (!snapshot.database_stats) return;
  const double bytes = static_cast<double>(snapshot.database_stats->temp_bytes);
  if (snapshot.database_stats->temp_files <= 0 || bytes < limits.temp_bytes) return;
  Finding f = self.NewFinding(Severity::kWarning, snapshot.database,
                              fmt::format("Database {} wrote {} to {} temporary files.", snapshot.database, Bytes(bytes),
                                          Count(static_cast<double>(snapshot.database_stats->temp_files))));
  f.evidence.push_back(fmt::format("temp_files {}, temp_bytes {}", Count(static_cast<double>(snapshot.database_stats->temp_files)),
                                   Count(bytes)));
  if (snapshot.database_stats->stats_reset) {
    f.evidence.push_back(fmt::format("since {}", *snapshot.database_stats->stats_reset));
  }
  f.explanation = fmt::format(
      "A sort, hash or materialize that needs more than work_mem writes temporary files, which is far slower "
      "than memory. log_temp_files = 0 logs each one with its statement (dbarch logs lists them); raise "
      "work_mem for those queries or roles (it applies per operation and connection, so not globally by much), "
      "or give them an index that avoids the sort. Threshold: {}.",
      Bytes(limits.temp_bytes));
  f.fix_sql = "ALTER SYSTEM SET log_temp_files = 0;\nSELECT pg_reload_conf();\n-- then, for the queries it names:\n"
              "SET work_mem = '64MB';";
  out->push_back(std::move(f));
}

}  // namespace

const HealthCheck& TempFilesCheck() {
  static const HealthCheck kCheck{"health/temp-files", "queries spilling to temporary files", &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::health
