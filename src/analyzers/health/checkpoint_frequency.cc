// health/checkpoint-frequency: checkpoints forced by WAL volume instead of checkpoint_timeout.
#include <fmt/format.h>

#include "analyzers/health/health_check.h"

namespace dbarch::analyzers::health {
namespace {

void Run(const HealthCheck& self, const sources::HealthSnapshot& snapshot, const HealthThresholds& limits,
         Findings* out) {
  if (!snapshot.checkpoints) return;
  const double timed = static_cast<double>(snapshot.checkpoints->timed);
  const double requested = static_cast<double>(snapshot.checkpoints->requested);
  const double total = timed + requested;
  if (total < limits.checkpoints_min || requested / total < limits.requested_checkpoints_ratio) return;
  Finding f = self.NewFinding(Severity::kWarning, "server",
                              fmt::format("{} of the checkpoints were requested (WAL filled max_wal_size) rather "
                                          "than timed.",
                                          Percent(requested / total)));
  f.evidence.push_back(fmt::format("checkpoints_req {}, checkpoints_timed {}", Count(requested), Count(timed)));
  if (snapshot.checkpoints->stats_reset) {
    f.evidence.push_back(fmt::format("since {}", *snapshot.checkpoints->stats_reset));
  }
  f.explanation = fmt::format(
      "Frequent checkpoints write the same hot pages again and again, and the first change to each page after a "
      "checkpoint writes the whole page to WAL, which makes more WAL and still more checkpoints. A larger "
      "max_wal_size lets checkpoint_timeout pace them (crash recovery replays more WAL in exchange). Thresholds: "
      "{} requested after at least {} checkpoints.",
      Percent(limits.requested_checkpoints_ratio), Count(limits.checkpoints_min));
  f.fix_sql = "SHOW max_wal_size;\nALTER SYSTEM SET max_wal_size = '8GB';  -- e.g. double or quadruple it\nSELECT pg_reload_conf();";
  out->push_back(std::move(f));
}

}  // namespace

const HealthCheck& CheckpointFrequencyCheck() {
  static const HealthCheck kCheck{"health/checkpoint-frequency", "checkpoints forced by WAL volume", &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::health
