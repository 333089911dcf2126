// A postgresql.conf starting point from typical assumptions, adjusted where the schema and the workload
// say something (hot tables → more autovacuum workers, report-like statements → log slow ones).
#include <algorithm>

#include <fmt/format.h>

#include "analyzers/ops/ops_internal.h"

namespace dbarch::analyzers::ops {

void AdviseConfigStarter(const model::Catalog& catalog, const model::Workload& workload,
                         const PressureMap& pressure, std::vector<Advice>& out) {
  auto hot = HotWriteTables(pressure);
  size_t storage_tables = 0;
  for (const auto& [name, t] : catalog.tables) storage_tables += t.kind == model::TableKind::kOrdinary;
  // One worker per hot table up to 6: they compete with the default 3 for the busy tables.
  int workers = std::clamp<int>(static_cast<int>(hot.size()) + 1, 3, 6);

  Advice a;
  a.id = "perf/postgresql-conf-starter";
  a.title = "postgresql.conf starting point (ASSUMED hardware: 4 vCPU, 16 GB RAM, SSD, dedicated server)";
  a.detail = fmt::format(
      "These values are assumptions, not measurements: they assume a dedicated server with 4 vCPU, 16 GB RAM "
      "and SSD storage behind a connection pooler. Run `dbarch tune` with the real hardware facts to recompute "
      "them. Derived from the inputs: autovacuum_max_workers = {} for {} write-heavy table(s) among {} "
      "tables, and a higher autovacuum cost limit so those workers are not throttled; pg_stat_statements is "
      "required by the monitoring plan.",
      workers, hot.size(), storage_tables);
  for (const auto* p : hot) {
    a.evidence.push_back(fmt::format("write-heavy: {} ({} UPDATE+DELETE calls/h)", p->table.ToString(),
                                     FormatCount(p->DeadTupleWrites())));
  }
  a.evidence.push_back(fmt::format("{} tables, {} statements in the workload ({} calls/h)", storage_tables,
                                   workload.queries.size(), FormatCount(workload.TotalCalls())));
  a.snippet = fmt::format(
      "# --- ASSUMPTIONS: 4 vCPU, 16 GB RAM, SSD, dedicated; refine with `dbarch tune` ---\n"
      "max_connections = {}                   # behind PgBouncer; see perf/connection-pooling\n"
      "shared_buffers = 4GB                   # 25 % of RAM\n"
      "effective_cache_size = 12GB            # 75 % of RAM: planner hint, allocates nothing\n"
      "work_mem = 16MB                        # per sort/hash node; raise per role for reports\n"
      "maintenance_work_mem = 1GB             # VACUUM, CREATE INDEX\n"
      "autovacuum_work_mem = 512MB\n"
      "random_page_cost = 1.1                 # SSD\n"
      "effective_io_concurrency = 200         # SSD\n"
      "wal_compression = on\n"
      "max_wal_size = 4GB\n"
      "checkpoint_timeout = 15min\n"
      "checkpoint_completion_target = 0.9\n"
      "autovacuum_max_workers = {}             # derived: {} write-heavy table(s)\n"
      "autovacuum_vacuum_cost_limit = 2000    # default 200 throttles vacuum on busy tables\n"
      "autovacuum_naptime = 30s\n"
      "max_worker_processes = 8\n"
      "max_parallel_workers_per_gather = 2\n"
      "shared_preload_libraries = 'pg_stat_statements,auto_explain'\n"
      "pg_stat_statements.track = top\n"
      "track_io_timing = on\n",
      SuggestedMaxConnections(), workers, hot.size());
  a.based_on = "schema+workload";
  out.push_back(std::move(a));
}

}  // namespace dbarch::analyzers::ops
