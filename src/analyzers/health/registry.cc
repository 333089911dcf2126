// The one list of health checks. A new check: a file in this folder (copy a neighbour), its accessor in
// health_check.h, a line here, a section in docs/health.md and a case in tests/cases/health/.
#include <algorithm>

#include "analyzers/health/health_check.h"

namespace dbarch::analyzers {
namespace {

const std::vector<const health::HealthCheck*>& AllChecks() {
  using namespace health;
  static const std::vector<const HealthCheck*> kChecks = {
      &LongRunningQueryCheck(),      &IdleInTransactionCheck(),   &BlockedQueriesCheck(),
      &XidWraparoundCheck(),         &MultixactWraparoundCheck(), &SequenceExhaustionCheck(),
      &IntegerColumnOverflowCheck(), &DeadTuplesCheck(),          &StaleStatisticsCheck(),
      &TableBloatCheck(),            &IndexBloatCheck(),          &InvalidIndexCheck(),
      &DuplicateIndexCheck(),        &UnusedIndexCheck(),         &ConnectionUsageCheck(),
      &CacheHitRatioCheck(),         &ReplicationLagCheck(),      &InactiveReplicationSlotCheck(),
      &CheckpointFrequencyCheck(),   &TempFilesCheck(),           &DeadlocksCheck(),
  };
  return kChecks;
}

}  // namespace

std::vector<HealthCheckInfo> HealthChecks() {
  std::vector<HealthCheckInfo> infos;
  for (const health::HealthCheck* check : AllChecks()) infos.push_back({check->id, check->summary});
  return infos;
}

Findings AnalyzeHealth(const sources::HealthSnapshot& snapshot, const HealthThresholds& thresholds) {
  Findings findings;
  for (const health::HealthCheck* check : AllChecks()) check->run(*check, snapshot, thresholds, &findings);
  // Stable: within a severity the checks' order (the list above) and each check's own order stay.
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding& a, const Finding& b) { return a.severity > b.severity; });
  return findings;
}

}  // namespace dbarch::analyzers
