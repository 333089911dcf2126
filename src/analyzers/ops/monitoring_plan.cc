// PlanMonitoring: the metrics to watch with thresholds tailored to this schema and workload, and the
// logging settings that make slow statements, lock waits, spills and vacuum runs visible.
#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analyzers/ops/ops_internal.h"
#include "analyzers/ops_advice.h"

namespace dbarch::analyzers::ops {

namespace {

constexpr size_t kTopQueries = 5;

std::string SqlLiteral(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string RelnameList(const std::vector<const model::Table*>& tables) {
  std::vector<std::string> names;
  for (const auto* t : tables) names.push_back(SqlLiteral(t->name.name));
  return fmt::format("{}", fmt::join(names, ", "));
}

void HotTableMetrics(const model::Catalog& catalog, const PressureMap& pressure, std::vector<MonitoredMetric>& out) {
  for (const TablePressure* p : HotWriteTables(pressure)) {
    const model::Table* table = catalog.FindTable(p->table);
    if (!table) continue;
    auto storage = StorageTables(catalog, *table);
    if (storage.empty()) continue;
    bool very_hot = p->DeadTupleWrites() >= kVeryHotWritesPerHour;
    std::string where = fmt::format("schemaname = {} AND relname IN ({})", SqlLiteral(table->name.schema),
                                    RelnameList(storage));
    const std::string sel = PromTableSelector(table->name, storage);
    const std::string dead = "pg_stat_user_tables_n_dead_tup" + sel;
    out.push_back({
        fmt::format("dead tuple ratio of {}", table->name.ToString()),
        fmt::format("pg_stat_user_tables_n_dead_tup / (n_live_tup + n_dead_tup); SQL: SELECT relname, n_dead_tup, "
                    "round(100.0 * n_dead_tup / greatest(n_live_tup + n_dead_tup, 1), 1) AS dead_pct FROM "
                    "pg_stat_user_tables WHERE {};",
                    where),
        "> 10%",
        "> 20%",
        fmt::format("{} UPDATE+DELETE calls/h create dead rows continuously; with the per-table autovacuum settings "
                    "vacuum should keep them near {:g}%, so 10% means vacuum is falling behind (long transactions, "
                    "throttling) and 20% means the table and its indexes are bloating.",
                    FormatCount(p->DeadTupleWrites()), AutovacuumFor(p->DeadTupleWrites()).vacuum_scale_factor * 100),
        fmt::format("{0} / clamp_min({0} + pg_stat_user_tables_n_live_tup{1}, 1)", dead, sel),
        "percentunit",
        0.10,
        0.20,
    });
    out.push_back({
        fmt::format("time since last autovacuum of {}", table->name.ToString()),
        fmt::format("time() - pg_stat_user_tables_last_autovacuum; SQL: SELECT relname, now() - "
                    "greatest(last_autovacuum, last_vacuum) AS since_vacuum, n_dead_tup FROM pg_stat_user_tables "
                    "WHERE {};",
                    where),
        very_hot ? "> 1h while n_dead_tup > 1000" : "> 6h while n_dead_tup > 1000",
        very_hot ? "> 6h while n_dead_tup > 1000" : "> 24h while n_dead_tup > 1000",
        fmt::format("At {} writes/h this table should be vacuumed several times a day; a long gap with dead rows "
                    "pending means autovacuum is blocked (a long transaction, a lock) or starved of workers.",
                    FormatCount(p->DeadTupleWrites())),
        fmt::format("time() - pg_stat_user_tables_last_autovacuum{}", sel),
        "s",
        very_hot ? 3600.0 : 6 * 3600.0,
        very_hot ? 6 * 3600.0 : 24 * 3600.0,
    });
  }
}

void SequenceMetrics(const model::Catalog& catalog, const PressureMap& pressure, std::vector<MonitoredMetric>& out) {
  for (const auto& key : NarrowSequenceKeys(catalog)) {
    auto it = pressure.find(key.table->name);
    double inserts = it == pressure.end() ? 0 : it->second.inserts;
    std::string why = fmt::format(
        "{}.{} is of type {} and fed by a sequence and stops accepting INSERTs at {}. Migrating to bigint on a large table "
        "takes planning, so warn early.",
        key.table->name.ToString(), key.column->name, key.column->type.ToSql(), FormatCount(key.max_value));
    if (inserts > 0) {
      why += fmt::format(" At {} INSERT calls/h the full range lasts ~{} years.", FormatCount(inserts),
                         FormatCount(key.max_value / (inserts * kHoursPerYear)));
    }
    out.push_back({
        fmt::format("sequence usage of {}.{}", key.table->name.ToString(), key.column->name),
        fmt::format("SQL: SELECT s.schemaname, s.sequencename, s.last_value, round(100.0 * s.last_value / {:.0f}, 2) "
                    "AS pct_used FROM pg_sequences s WHERE format('%I.%I', s.schemaname, s.sequencename) = "
                    "pg_get_serial_sequence({}, {}); (postgres_exporter: pg_sequence_overflow_column_ratio)",
                    key.max_value, SqlLiteral(key.table->name.ToSql()), SqlLiteral(key.column->name)),
        "> 50%",
        "> 75%",
        why,
        "max(pg_sequence_overflow_column_ratio" + PromSequenceSelector(*key.table, *key.column) + ")",
        "percentunit",
        0.5,
        0.75,
    });
  }
}

void InstanceMetrics(const model::Workload& workload, const PressureMap& pressure, std::vector<MonitoredMetric>& out) {
  auto hot = HotWriteTables(pressure);
  std::vector<std::string> hot_names;
  for (const auto* p : hot) hot_names.push_back(p->table.ToString());
  std::string hot_list = hot_names.empty() ? std::string("every table") : fmt::format("{}", fmt::join(hot_names, ", "));
  out.push_back({"server reachable", "pg_up (postgres_exporter can connect)", "", "0 for 1m",
                 "Everything else on the dashboard is blind while the exporter cannot connect.", "pg_up", "short",
                 std::nullopt, std::nullopt});
  out.push_back({"connection usage", "sum(pg_stat_activity_count) / pg_settings_max_connections", "> 80%", "> 95%",
                 "Past max_connections new sessions are refused; behind PgBouncer a high value means the pool is "
                 "misconfigured or something bypasses it.",
                 PromConnectionUsage(), "percentunit", 0.8, 0.95});
  out.push_back({"transactions per second",
                 "rate(pg_stat_database_xact_commit) + rate(pg_stat_database_xact_rollback)",
                 "< 50% of the same time last week", "",
                 fmt::format("The workload's statements ({} calls/h) set the normal level; a sudden drop means clients "
                             "cannot connect or sessions are blocked, a surge explains latency.",
                             FormatCount(workload.TotalCalls())),
                 PromTransactionsPerSecond(), "ops", std::nullopt, std::nullopt});
  out.push_back({"sessions idle in transaction", "pg_stat_activity_count{state=\"idle in transaction\"}", "> 5 for 5m",
                 "> 20 for 5m",
                 "Idle transactions hold row locks and a snapshot that stops vacuum on " + hot_list + ".",
                 "sum by (instance, datname) (pg_stat_activity_count{state=\"idle in transaction\"})", "short", 5.0,
                 20.0});
  out.push_back({"longest running transaction", "pg_stat_activity_max_tx_duration", "> 5min", "> 30min",
                 "A long transaction keeps dead rows of " + hot_list +
                     " from being vacuumed and holds its locks for its whole duration.",
                 "max by (instance, datname) (pg_stat_activity_max_tx_duration)", "s", 300.0, 1800.0});
  out.push_back({"buffer cache hit ratio",
                 "rate(pg_stat_database_blks_hit) / (rate(blks_hit) + rate(blks_read))", "< 99%", "< 95%",
                 fmt::format("The workload is dominated by short lookups ({} calls/h); they should be served from "
                             "shared_buffers. A falling ratio means the working set outgrew memory or a scan is "
                             "evicting it.",
                             FormatCount(workload.TotalCalls())),
                 PromCacheHitRatio(), "percentunit", std::nullopt, std::nullopt});
  out.push_back({"replication lag", "pg_replication_lag_seconds (older exporters: pg_replication_lag)", "> 30s",
                 "> 5min",
                 "Bounds the data lost on failover to a replica and the staleness of reads served by replicas.",
                 "max by (instance) (pg_replication_lag_seconds or pg_replication_lag)", "s", 30.0, 300.0});
  out.push_back({"sessions waiting for locks",
                 "SQL: SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock';", "> 5 for 1m",
                 "> 20 for 1m",
                 "Lock queues form behind hot-row updates and behind DDL from migrations (an ACCESS EXCLUSIVE lock "
                 "request blocks every later reader).",
                 "sum by (instance, datname, mode) (pg_locks_count)", "short", std::nullopt, std::nullopt});
  out.push_back({"deadlocks", "increase(pg_stat_database_deadlocks[10m])", "> 0", "> 5",
                 "Deadlocks mean two code paths lock the same rows in different orders.",
                 "increase(pg_stat_database_deadlocks[10m])", "short", 1.0, 5.0});
  out.push_back({"transaction ID age (wraparound)",
                 "SQL: SELECT datname, age(datfrozenxid) FROM pg_database; (postgres_exporter: "
                 "pg_database_wraparound_age_datfrozenxid_seconds)",
                 "> 500000000", "> 1000000000",
                 "At ~2.1 billion PostgreSQL stops accepting writes to prevent wraparound; a growing age means "
                 "anti-wraparound vacuums are not completing.",
                 "max by (instance, datname) (pg_database_wraparound_age_datfrozenxid_seconds)", "short", 500000000.0,
                 1000000000.0});
}

void GrowthMetrics(const model::Catalog& catalog, const PressureMap& pressure, std::vector<MonitoredMetric>& out) {
  out.push_back({"database size growth", "pg_database_size_bytes / pg_database_size_bytes offset 1d", "> 10% per day",
                 "disk full predicted within 24h (node_filesystem_avail_bytes, predict_linear)",
                 "Running out of disk stops PostgreSQL; growth faster than the business explains means bloat.",
                 "pg_database_size_bytes", "bytes", std::nullopt, std::nullopt});
  out.push_back({"free space of the data volume", "node_filesystem_avail_bytes (node_exporter)",
                 "full within 48h at the current rate", "full within 24h",
                 "PostgreSQL stops when its volume is full. ASSUMPTION: data directory mounted at /var/lib/postgresql.",
                 "node_filesystem_avail_bytes{mountpoint=\"/var/lib/postgresql\"}", "bytes", std::nullopt,
                 std::nullopt});
  // The tables that grow fastest: highest INSERT rate, plus every append-only one.
  std::vector<const TablePressure*> growing;
  for (const auto& [name, p] : pressure) {
    if (p.inserts > 0 && catalog.FindTable(name)) growing.push_back(&p);
  }
  std::stable_sort(growing.begin(), growing.end(),
                   [](const TablePressure* a, const TablePressure* b) { return a->inserts > b->inserts; });
  if (growing.size() > 3) growing.resize(3);
  for (const auto* p : growing) {
    out.push_back({
        fmt::format("size of {}", p->table.ToString()),
        fmt::format("SQL: SELECT pg_size_pretty(pg_total_relation_size({})) ; for a partitioned table sum over "
                    "pg_partition_tree()",
                    SqlLiteral(p->table.ToSql())),
        "growth > 2x the previous week",
        "growth > 4x the previous week",
        fmt::format("{} INSERT calls/h{} make this one of the fastest growing tables; its size drives disk, "
                    "backup time and the retention plan.",
                    FormatCount(p->inserts), p->IsAppendOnly() ? " and no updates (append-only)" : ""),
    });
  }
}

void SlowQueryMetrics(const model::Workload& workload, std::vector<MonitoredMetric>& out) {
  auto queries = QueriesByCalls(workload);
  if (queries.size() > kTopQueries) queries.resize(kTopQueries);
  for (const auto* q : queries) {
    double warn = SlowQueryWarningMs(q->calls);
    std::string normalized = q->normalized.empty() ? q->text : q->normalized;
    out.push_back({
        fmt::format("mean execution time of {}", DescribeQuery(*q)),
        fmt::format("SQL: SELECT calls, mean_exec_time, max_exec_time FROM pg_stat_statements WHERE "
                    "regexp_replace(query, '\\s+', ' ', 'g') = {};",
                    SqlLiteral(OneLine(normalized, 100000))),
        fmt::format("> {:g} ms", warn),
        fmt::format("> {:g} ms", warn * 4),
        fmt::format("Run {} times per hour; above {:g} ms on average this single statement uses more than 5% of a "
                    "CPU core. pg_stat_statements normalizes constants itself, so match on the first capture and "
                    "watch its queryid afterwards.",
                    FormatCount(q->calls), warn),
        // pg_stat_statements series carry a queryid, unknown until the statement has run: the panel shows the
        // slowest statements and the query's own line is found by its queryid.
        "topk(10, " + PromStatementMeanSeconds() + ")",
        "s",
        warn / 1000,
        warn * 4 / 1000,
    });
  }
}

}  // namespace

std::vector<MonitoredMetric> PlanMetrics(const model::Catalog& catalog, const model::Workload& workload,
                                         const PressureMap& pressure) {
  std::vector<MonitoredMetric> out;
  HotTableMetrics(catalog, pressure, out);
  SequenceMetrics(catalog, pressure, out);
  InstanceMetrics(workload, pressure, out);
  GrowthMetrics(catalog, pressure, out);
  SlowQueryMetrics(workload, out);
  out.push_back({"WAL archiving failures", "pg_stat_archiver: failed_count, last_failed_time", "> 0 in 15m",
                 "last_archived_time older than 10min",
                 "Point-in-time recovery depends on every WAL segment reaching the backup repository; failed "
                 "archiving also fills pg_wal until the disk is full.",
                 "increase(pg_stat_archiver_failed_count[15m])", "short", 1.0, std::nullopt});
  out.push_back({"time since the last archived WAL segment", "pg_stat_archiver: now() - last_archived_time", "> 10min",
                 "", "With archive_timeout set a segment is archived at least that often; a longer gap means archiving "
                     "is stuck and the RPO is no longer met.",
                 "pg_stat_archiver_last_archive_age", "s", 600.0, std::nullopt});
  return out;
}

std::vector<std::string> LoggingSettings(const model::Workload& workload) {
  std::vector<std::string> out;
  double total = workload.TotalCalls();
  out.push_back(fmt::format(
      "log_min_duration_statement = 250ms    # the top statements should take a few ms ({} calls/h in total); "
      "250 ms logs the outliers without logging normal traffic",
      FormatCount(total)));
  out.push_back("log_lock_waits = on                    # log any lock wait longer than deadlock_timeout (1s), with "
                "the blocking PIDs");
  out.push_back("log_temp_files = 0                     # log every sort/hash that spills to disk, with its size "
                "(work_mem tuning)");
  out.push_back("log_autovacuum_min_duration = 0        # log every autovacuum run: confirms the per-table settings "
                "keep up on the write-heavy tables");
  out.push_back("log_checkpoints = on                   # checkpoints triggered by max_wal_size instead of "
                "checkpoint_timeout mean WAL is too small");
  out.push_back("log_line_prefix = '%m [%p] user=%u,db=%d,app=%a,client=%h '  # timestamp with ms, PID, user, "
                "database, application, client: the format pgBadger and dbarch logs parse");
  out.push_back("log_statement = 'ddl'                  # keep a trail of schema changes");
  out.push_back("lc_messages = 'C'                      # English messages, as log analyzers expect");
  out.push_back("auto_explain.log_min_duration = '1s'   # plan of every statement slower than 1 s "
                "(shared_preload_libraries must include auto_explain)");
  out.push_back("auto_explain.log_analyze = on          # actual rows and loops, not just estimates");
  out.push_back("auto_explain.log_buffers = on          # shared/temp blocks per node show I/O hot spots");
  out.push_back("auto_explain.log_timing = off          # per-node timing is the expensive part of log_analyze");
  out.push_back("auto_explain.log_nested_statements = on  # include statements run inside functions and triggers");
  double sample = total >= 100000 ? 0.1 : 1.0;
  out.push_back(fmt::format("auto_explain.sample_rate = {:g}         # {} statements/h{}", sample, FormatCount(total),
                            sample < 1 ? ": instrument 10% of them to bound the overhead"
                                       : ": low enough to instrument every statement"));
  return out;
}

}  // namespace dbarch::analyzers::ops

namespace dbarch::analyzers {

MonitoringPlan PlanMonitoring(const model::Catalog& catalog, const model::Workload& workload) {
  ops::PressureMap pressure = ops::EstimatePressure(workload);
  MonitoringPlan plan;
  plan.metrics = ops::PlanMetrics(catalog, workload, pressure);
  plan.prometheus_rules_yaml = ops::PrometheusRules(catalog, pressure);
  plan.logging_settings = ops::LoggingSettings(workload);
  plan.backup = ops::BackupPlan(catalog, workload, pressure);
  return plan;
}

}  // namespace dbarch::analyzers
