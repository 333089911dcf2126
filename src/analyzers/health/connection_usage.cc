// health/connection-usage: how close the server is to refusing connections.
#include <map>

#include <fmt/format.h>

#include "analyzers/health/health_check.h"

namespace dbarch::analyzers::health {
namespace {

void Run(const HealthCheck& self, const sources::HealthSnapshot& snapshot, const HealthThresholds& limits,
         Findings* out) {
  const int usable = snapshot.max_connections - snapshot.reserved_connections;
  if (usable <= 0 || snapshot.connections <= 0) return;
  const double ratio = static_cast<double>(snapshot.connections) / usable;
  if (ratio < limits.connection_usage_warning) return;
  Finding f = self.NewFinding(ratio >= limits.connection_usage_error ? Severity::kError : Severity::kWarning, "server",
                              fmt::format("{} of {} usable connections are in use ({}).", snapshot.connections, usable,
                                          Percent(ratio)));
  f.evidence.push_back(fmt::format("max_connections {}, superuser_reserved_connections {}", snapshot.max_connections,
                                   snapshot.reserved_connections));
  std::map<std::string, int> by_state;
  for (const sources::HealthSession& session : snapshot.sessions) ++by_state[session.state.empty() ? "unknown" : session.state];
  for (const auto& [state, count] : by_state) f.evidence.push_back(fmt::format("{}: {}", state, count));
  f.explanation = fmt::format(
      "When every slot is taken new connections fail with \"too many clients\". Each connection is a process "
      "with its own memory, so raising max_connections is rarely the answer: a pooler (PgBouncer in transaction "
      "mode) serves many clients with few server connections, and idle sessions can be ended by the server. "
      "Thresholds: warning {}, error {}.",
      Percent(limits.connection_usage_warning), Percent(limits.connection_usage_error));
  f.fix_sql = "-- put a pooler (PgBouncer, pool_mode = transaction) in front of the server; meanwhile end sessions "
              "idle for an hour:\nSELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE backend_type = "
              "'client backend' AND state = 'idle' AND state_change < now() - interval '1 hour';";
  out->push_back(std::move(f));
}

}  // namespace

const HealthCheck& ConnectionUsageCheck() {
  static const HealthCheck kCheck{"health/connection-usage", "connections close to max_connections", &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::health
