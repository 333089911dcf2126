// Connections: max_connections sized for a pooled setup, a timeout for sessions that sit idle inside a
// transaction, and the PgBouncer pool in front. Every server connection is a process with its own memory
// (and work_mem budget), so a few busy connections behind a pooler beat hundreds of idle ones.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "analyzers/tune/tune_internal.h"

namespace dbarch::analyzers::tune {

void AddConnectionSettings(const TuneContext& c, TuneAdvice& advice) {
  const int pool = PooledServerConnections(c.request.hardware);
  std::string reason =
      c.request.max_connections > 0
          ? fmt::format("given with --max-connections; a pooler in front needs only ~{} busy server connections "
                        "((2 × {}) + 1 per spindle)",
                        pool, c.CpuFact())
          : fmt::format("behind PgBouncer: a pool of {} ((2 × {}) + 1 per spindle), the same again for a second "
                        "pool or failover, and 20 for superuser, replication, monitoring and migrations",
                        pool, c.CpuFact());
  AddSetting(advice, "max_connections", std::to_string(c.max_connections), "connections", reason, "100", true);
  if (c.Class() != WorkloadClass::kWarehouse) {
    AddSetting(advice, "idle_in_transaction_session_timeout", "5min", "connections",
               "a session idle inside an open transaction holds its locks and stops vacuum from removing rows "
               "deleted since it began; end such sessions after 5 minutes (set statement_timeout per role, not "
               "globally)",
               "0");
  }
}

void AddObservabilitySettings(const TuneContext&, TuneAdvice& advice) {
  AddSetting(advice, "shared_preload_libraries", "'pg_stat_statements'", "observability",
             "per-statement totals (calls, time, rows, buffers): the monitoring plan's slow-query alerts and "
             "`dbarch --db` read them; the library must be loaded at start",
             "''", true);
  AddSetting(advice, "track_io_timing", "on", "observability",
             "I/O time per statement in pg_stat_statements and EXPLAIN (ANALYZE, BUFFERS); cheap on Linux's clock "
             "source (check with pg_test_timing)",
             "off");
  AddSetting(advice, "log_autovacuum_min_duration", "10s", "observability",
             "logs autovacuum runs that take 10 s or more, with what they removed: the evidence when a table "
             "bloats",
             "-1");
}

PoolerAdvice AdvisePooler(const TuneContext& c) {
  PoolerAdvice pooler;
  pooler.default_pool_size = PooledServerConnections(c.request.hardware);
  pooler.reserve_pool_size = std::max(2, pooler.default_pool_size / 4);
  pooler.max_client_conn = std::max(1000, c.max_connections * 10);
  pooler.reasons.push_back(fmt::format(
      "default_pool_size = {}: (2 × {}) + 1 per spindle server connections keep the cores busy without "
      "queueing in the kernel; clients beyond it wait in PgBouncer, which is cheap",
      pooler.default_pool_size, c.CpuFact()));
  pooler.reasons.push_back(fmt::format("reserve_pool_size = {}: extra connections for bursts, used after "
                                       "reserve_pool_timeout",
                                       pooler.reserve_pool_size));
  pooler.reasons.push_back(fmt::format("max_client_conn = {}: application connections PgBouncer accepts (each "
                                       "costs it a few kB, not a server process)",
                                       pooler.max_client_conn));

  std::set<std::string> seen;
  for (const auto& f : ops::DetectSessionFeatures(c.workload)) {
    std::string where = f.query != nullptr && !f.query->occurrences.empty() ? f.query->occurrences.front().ToString() : "";
    std::string line = where.empty() ? f.feature : fmt::format("{} ({})", f.feature, where);
    if (seen.insert(line).second) pooler.session_features.push_back(line);
  }
  if (pooler.session_features.empty()) {
    pooler.pool_mode = "transaction";
    pooler.reasons.push_back(
        "pool_mode = transaction: no statement of the workload keeps state beyond its transaction (no LISTEN, "
        "session SET, PREPARE, session advisory locks, temporary tables or WITH HOLD cursors), so a server "
        "connection can serve another client after every transaction");
  } else {
    pooler.pool_mode = "transaction";
    pooler.reasons.push_back(fmt::format(
        "pool_mode = transaction for the application, plus a small session-mode pool (the `_session` database "
        "entry) for the {} statement(s) that keep state in the session — listed below; in transaction mode "
        "they would leak state to other clients or lose it (move them to the session pool, or replace session "
        "SET with SET LOCAL and session advisory locks with pg_advisory_xact_lock)",
        pooler.session_features.size()));
  }
  return pooler;
}

}  // namespace dbarch::analyzers::tune
