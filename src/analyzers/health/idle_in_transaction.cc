// health/idle-in-transaction: a session that opened a transaction and went quiet, holding its locks and
// snapshot.
#include <fmt/format.h>

#include "analyzers/health/health_check.h"

namespace dbarch::analyzers::health {
namespace {

void Run(const HealthCheck& self, const sources::HealthSnapshot& snapshot, const HealthThresholds& limits,
         Findings* out) {
  for (const sources::HealthSession& session : snapshot.sessions) {
    if (!session.state.starts_with("idle in transaction") || !session.state_seconds) continue;
    if (*session.state_seconds < limits.idle_in_transaction_seconds) continue;
    std::vector<int> blocks;
    for (const sources::HealthSession& other : snapshot.sessions) {
      for (int pid : other.blocked_by) {
        if (pid == session.pid) blocks.push_back(other.pid);
      }
    }
    // Blocking others turns a leak into an outage.
    Finding f = self.NewFinding(
        blocks.empty() ? Severity::kWarning : Severity::kError, fmt::format("pid {}", session.pid),
        fmt::format("Session pid {} ({}@{}) has been idle in transaction for {}{}.", session.pid, session.user,
                    session.database, Duration(*session.state_seconds),
                    blocks.empty() ? "" : fmt::format(" and blocks {} other session(s)", blocks.size())));
    f.evidence.push_back(fmt::format("state: {}", session.state));
    if (session.transaction_seconds) {
      f.evidence.push_back(fmt::format("transaction open for {}", Duration(*session.transaction_seconds)));
    }
    f.evidence.push_back(fmt::format("last statement: {}", Shorten(session.query)));
    if (!session.application.empty()) f.evidence.push_back(fmt::format("application: {}", session.application));
    for (int pid : blocks) f.evidence.push_back(fmt::format("blocks pid {}", pid));
    f.explanation = fmt::format(
        "An open transaction keeps every lock it took and its snapshot: VACUUM cannot remove rows dead since it "
        "began, and writers to the rows or tables it touched wait. Usually an application that forgot to commit "
        "or an exception path without rollback. Threshold: {} s. Ending the session rolls its transaction back; "
        "idle_in_transaction_session_timeout makes the server do that automatically.",
        limits.idle_in_transaction_seconds);
    f.fix_sql = fmt::format("SELECT pg_terminate_backend({});\nALTER ROLE {} SET idle_in_transaction_session_timeout = '5min';",
                            session.pid, Identifier(session.user));
    out->push_back(std::move(f));
  }
}

}  // namespace

const HealthCheck& IdleInTransactionCheck() {
  static const HealthCheck kCheck{"health/idle-in-transaction", "sessions idle inside an open transaction", &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::health
