// health/blocked-queries: statements waiting for a lock, with the chain of sessions up to the one at its root.
#include <map>
#include <set>

#include <fmt/format.h>

#include "analyzers/health/health_check.h"

namespace dbarch::analyzers::health {
namespace {

std::string Describe(const sources::HealthSession& session) {
  return fmt::format("pid {} ({}, {}@{}{}): {}", session.pid, session.state.empty() ? "unknown state" : session.state,
                     session.user, session.database,
                     session.state_seconds ? ", for " + Duration(*session.state_seconds) : "", Shorten(session.query, 120));
}

void Run(const HealthCheck& self, const sources::HealthSnapshot& snapshot, const HealthThresholds& limits,
         Findings* out) {
  std::map<int, const sources::HealthSession*> by_pid;
  for (const sources::HealthSession& session : snapshot.sessions) by_pid[session.pid] = &session;
  for (const sources::HealthSession& session : snapshot.sessions) {
    if (session.blocked_by.empty()) continue;
    // pg_stat_activity has no wait start; the statement's age bounds the wait from above and is what users feel.
    const double waited = session.query_seconds.value_or(0);
    if (waited < limits.blocked_query_seconds) continue;
    // Follow the first blocker until a session that is not itself waiting: that one holds up the chain.
    std::vector<int> chain;
    std::set<int> seen = {session.pid};
    int root = session.blocked_by.front();
    while (true) {
      chain.push_back(root);
      if (!seen.insert(root).second) break;  // a cycle: the deadlock detector will break it
      auto found = by_pid.find(root);
      if (found == by_pid.end() || found->second->blocked_by.empty()) break;
      root = found->second->blocked_by.front();
    }
    Finding f = self.NewFinding(
        Severity::kWarning, fmt::format("pid {}", session.pid),
        fmt::format("pid {} has been waiting {} for a lock held by pid {}{}.", session.pid, Duration(waited),
                    session.blocked_by.front(), chain.size() > 1 ? fmt::format(" (chain of {}, root pid {})", chain.size(), root) : ""));
    f.evidence.push_back(fmt::format("waiting: {}", Describe(session)));
    if (!session.waiting_for_lock.empty()) f.evidence.push_back(fmt::format("lock wanted: {}", session.waiting_for_lock));
    for (size_t i = 1; i < session.blocked_by.size(); ++i) {
      f.evidence.push_back(fmt::format("also blocked by pid {}", session.blocked_by[i]));
    }
    for (int pid : chain) {
      auto found = by_pid.find(pid);
      f.evidence.push_back(found == by_pid.end() ? fmt::format("held by pid {} (not a client session)", pid)
                                                 : fmt::format("held by {}", Describe(*found->second)));
    }
    f.explanation =
        "A blocked statement holds its own locks while it waits, so the queue behind it grows (an ALTER TABLE "
        "waiting behind a long transaction stops every reader of the table). The fix is at the root of the chain: "
        "let it finish, or end it; pg_terminate_backend rolls back its transaction. It is shown as a suggestion: "
        "check what the root session is doing first. Set lock_timeout for DDL so it gives up instead of queueing.";
    f.fix_sql = fmt::format("-- suggestion, after checking what pid {} is doing:\nSELECT pg_terminate_backend({});", root, root);
    out->push_back(std::move(f));
  }
}

}  // namespace

const HealthCheck& BlockedQueriesCheck() {
  static const HealthCheck kCheck{"health/blocked-queries", "statements waiting for locks, with the blocking chain", &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::health
