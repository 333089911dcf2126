// health/replication-lag: standbys replaying far behind the primary.
#include <fmt/format.h>

#include "analyzers/health/health_check.h"

namespace dbarch::analyzers::health {
namespace {

void Run(const HealthCheck& self, const sources::HealthSnapshot& snapshot, const HealthThresholds& limits,
         Findings* out) {
  for (const sources::HealthReplica& replica : snapshot.replicas) {
    const bool bytes_behind = static_cast<double>(replica.replay_lag_bytes) >= limits.replication_lag_bytes;
    const bool time_behind = replica.replay_lag_seconds && *replica.replay_lag_seconds >= limits.replication_lag_seconds;
    if (!bytes_behind && !time_behind) continue;
    const std::string name = replica.application.empty() ? fmt::format("pid {}", replica.pid) : replica.application;
    Finding f = self.NewFinding(Severity::kWarning, name,
                                fmt::format("Standby {} ({}) replays {} behind the primary{}.", name,
                                            replica.client.empty() ? "local" : replica.client,
                                            Bytes(static_cast<double>(replica.replay_lag_bytes)),
                                            replica.replay_lag_seconds ? " (" + Duration(*replica.replay_lag_seconds) + ")" : ""));
    f.evidence.push_back(fmt::format("state {}, walsender pid {}", replica.state, replica.pid));
    f.explanation = fmt::format(
        "Reads routed to a lagging standby see old data, and a failover to it loses or delays what it has not "
        "replayed. Causes: the standby's disk or CPU, the network, or long queries on the standby cancelling or "
        "delaying replay (max_standby_streaming_delay, hot_standby_feedback). Thresholds: {} or {} s.",
        Bytes(limits.replication_lag_bytes), limits.replication_lag_seconds);
    f.fix_sql = "-- on the standby: what it received and replayed\nSELECT pg_last_wal_receive_lsn(), "
                "pg_last_wal_replay_lsn(), now() - pg_last_xact_replay_timestamp() AS replay_delay;";
    out->push_back(std::move(f));
  }
}

}  // namespace

const HealthCheck& ReplicationLagCheck() {
  static const HealthCheck kCheck{"health/replication-lag", "standbys replaying far behind", &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::health
