// health/long-running-query: a statement active for longer than long-running-query-seconds.
#include <fmt/format.h>

#include "analyzers/health/health_check.h"

namespace dbarch::analyzers::health {
namespace {

void Run(const HealthCheck& self, const sources::HealthSnapshot& snapshot, const HealthThresholds& limits,
         Findings* out) {
  for (const sources::HealthSession& session : snapshot.sessions) {
    if (session.state != "active" || !session.query_seconds) continue;
    if (*session.query_seconds < limits.long_running_query_seconds) continue;
    if (!session.blocked_by.empty()) continue;  // waiting for a lock: health/blocked-queries says why
    Finding f = self.NewFinding(Severity::kWarning, fmt::format("pid {}", session.pid),
                                fmt::format("A query in pid {} ({}@{}) has been running for {}.", session.pid,
                                            session.user, session.database, Duration(*session.query_seconds)));
    f.evidence.push_back(fmt::format("query: {}", Shorten(session.query)));
    if (!session.application.empty()) f.evidence.push_back(fmt::format("application: {}", session.application));
    if (!session.wait_event_type.empty()) {
      f.evidence.push_back(fmt::format("waiting on: {} {}", session.wait_event_type, session.wait_event));
    }
    if (session.transaction_seconds) {
      f.evidence.push_back(fmt::format("transaction open for {}", Duration(*session.transaction_seconds)));
    }
    f.explanation = fmt::format(
        "A long statement holds its locks and its snapshot for its whole run: VACUUM cannot remove rows deleted "
        "since it started, and DDL on the tables it reads waits behind it. Threshold: {} s. Cancel it if it is "
        "a runaway (pg_cancel_backend keeps the session, pg_terminate_backend ends it), and cap statements with "
        "statement_timeout for the role.",
        limits.long_running_query_seconds);
    f.fix_sql = fmt::format("SELECT pg_cancel_backend({});\nALTER ROLE {} SET statement_timeout = '{}s';", session.pid,
                            Identifier(session.user), static_cast<long long>(limits.long_running_query_seconds));
    out->push_back(std::move(f));
  }
}

}  // namespace

const HealthCheck& LongRunningQueryCheck() {
  static const HealthCheck kCheck{"health/long-running-query", "statements running longer than the threshold", &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::health
