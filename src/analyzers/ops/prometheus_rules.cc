// A Prometheus alerting rules file for postgres_exporter (and node_exporter for disk space): instance-wide
// rules plus per-table rules, filtered by relname, for the write-heavy tables and int4 sequences of this
// schema. Strings are emitted as single-quoted YAML scalars so PromQL's double quotes need no escaping.
#include <cctype>
#include <string_view>

#include <fmt/format.h>

#include "analyzers/ops/ops_internal.h"

namespace dbarch::analyzers::ops {

namespace {

struct Rule {
  std::string alert;
  std::string expr;
  std::string for_duration;
  std::string severity;
  std::string summary;
  std::string description;
  std::string table;  // extra label for per-table rules
};

std::string YamlQuoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    if (c == '\n') {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out + "'";
}

// A PromQL string literal's content: backslash and double quote escaped.
std::string PromString(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') out += '\\';
    out += c;
  }
  return out;
}

// RE2 escaping for a literal name inside a regex matcher.
std::string RegexLiteral(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::string_view("\\.+*?()|[]{}^$").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// "PublicOrders" from public.orders: alert names are identifiers.
std::string CamelName(const model::QualifiedName& name) {
  std::string out;
  bool upper = true;
  for (char c : name.schema + "_" + name.name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

void EmitGroup(const std::string& name, const std::vector<Rule>& rules, std::string& out) {
  if (rules.empty()) return;
  out += "  - name: " + YamlQuoted(name) + "\n    rules:\n";
  for (const auto& r : rules) {
    out += "      - alert: " + r.alert + "\n";
    out += "        expr: " + YamlQuoted(r.expr) + "\n";
    out += "        for: " + r.for_duration + "\n";
    out += "        labels:\n          severity: " + r.severity + "\n";
    if (!r.table.empty()) out += "          table: " + YamlQuoted(r.table) + "\n";
    out += "        annotations:\n";
    out += "          summary: " + YamlQuoted(r.summary) + "\n";
    out += "          description: " + YamlQuoted(r.description) + "\n";
  }
}

std::vector<Rule> InstanceRules() {
  std::vector<Rule> r;
  r.push_back({"PostgresDown", "pg_up == 0", "1m", "critical", "PostgreSQL {{ $labels.instance }} is down",
               "postgres_exporter cannot connect to PostgreSQL.", ""});
  const std::string usage = PromConnectionUsage();
  r.push_back({"PostgresConnectionsHigh", usage + " > 0.8", "5m", "warning",
               "{{ $labels.instance }} uses {{ $value | humanizePercentage }} of max_connections",
               "More than 80% of max_connections are in use; check the PgBouncer pool size and clients bypassing it.",
               ""});
  r.push_back({"PostgresConnectionsExhausted", usage + " > 0.95", "2m", "critical",
               "{{ $labels.instance }} is about to refuse connections",
               "More than 95% of max_connections are in use; new sessions will fail.", ""});
  r.push_back({"PostgresIdleInTransaction",
               "sum by (instance, datname) (pg_stat_activity_count{state=\"idle in transaction\"}) > 5", "5m",
               "warning", "{{ $value }} sessions idle in transaction on {{ $labels.datname }}",
               "Idle transactions hold locks and block vacuum; set idle_in_transaction_session_timeout.", ""});
  r.push_back({"PostgresLongTransaction", "max by (instance, datname) (pg_stat_activity_max_tx_duration) > 300", "2m",
               "warning", "A transaction on {{ $labels.datname }} has been open for {{ $value | humanizeDuration }}",
               "Long transactions keep vacuum from removing dead rows on the write-heavy tables.", ""});
  r.push_back({"PostgresVeryLongTransaction", "max by (instance, datname) (pg_stat_activity_max_tx_duration) > 1800",
               "1m", "critical", "A transaction on {{ $labels.datname }} has been open for {{ $value | humanizeDuration }}",
               "A transaction older than 30 minutes; find it in pg_stat_activity and end it.", ""});
  r.push_back({"PostgresDeadlocks", "increase(pg_stat_database_deadlocks[10m]) > 0", "0m", "warning",
               "Deadlocks on {{ $labels.datname }}",
               "{{ $value }} deadlocks in 10 minutes: two code paths lock rows in different orders.", ""});
  r.push_back({"PostgresAccessExclusiveLockHeld",
               "sum by (instance, datname) (pg_locks_count{mode=\"accessexclusivelock\"}) > 0", "5m", "warning",
               "ACCESS EXCLUSIVE lock held for 5 minutes on {{ $labels.datname }}",
               "A DDL or migration holds a lock that blocks all reads and writes of its table.", ""});
  const std::string read = "sum by (instance, datname) (rate(pg_stat_database_blks_read[10m]))";
  r.push_back({"PostgresCacheHitRatioLow",
               fmt::format("({} < 0.95) and {} > 10", PromCacheHitRatio(), read), "15m", "warning",
               "Cache hit ratio of {{ $labels.datname }} is {{ $value | humanizePercentage }}",
               "The working set no longer fits in shared_buffers, or a large scan evicts it.", ""});
  r.push_back({"PostgresReplicationLag",
               "max by (instance) (pg_replication_lag_seconds or pg_replication_lag) > 30", "5m", "warning",
               "Replica {{ $labels.instance }} lags {{ $value | humanizeDuration }}",
               "Replication lag bounds the data lost on failover and the staleness of replica reads.", ""});
  r.push_back({"PostgresReplicationLagCritical",
               "max by (instance) (pg_replication_lag_seconds or pg_replication_lag) > 300", "5m", "critical",
               "Replica {{ $labels.instance }} lags {{ $value | humanizeDuration }}",
               "More than 5 minutes of lag: failover would lose data beyond the RPO.", ""});
  r.push_back({"PostgresXidWraparound",
               "max by (instance, datname) (pg_database_wraparound_age_datfrozenxid_seconds) > 500000000", "30m",
               "warning", "Transaction ID age of {{ $labels.datname }} is {{ $value }}",
               "Anti-wraparound vacuum is not keeping up (needs postgres_exporter --collector.database_wraparound).",
               ""});
  r.push_back({"PostgresXidWraparoundCritical",
               "max by (instance, datname) (pg_database_wraparound_age_datfrozenxid_seconds) > 1000000000", "5m",
               "critical", "Transaction ID age of {{ $labels.datname }} is {{ $value }}",
               "PostgreSQL stops accepting writes near 2.1 billion; run VACUUM (FREEZE) on the oldest tables now.", ""});
  r.push_back({"PostgresTransactionRateDropped",
               fmt::format("({} < 0.5 * {}) and {} > 10", PromTransactionsPerSecond(), PromTransactionsPerSecond("1w"),
                           PromTransactionsPerSecond("1w")),
               "15m", "warning", "Transactions on {{ $labels.datname }} fell below half of the same time last week",
               "A sudden drop in throughput: the application cannot reach the database, or sessions are blocked.", ""});
  r.push_back({"PostgresSlowStatement",
               fmt::format("({}) > 1 and sum by (instance, datname, queryid) "
                           "(rate(pg_stat_statements_calls_total[10m])) > 0.01",
                           PromStatementMeanSeconds()),
               "15m", "warning", "Statement {{ $labels.queryid }} on {{ $labels.datname }} averages {{ $value | humanizeDuration }}",
               "A statement run regularly takes over a second on average (needs postgres_exporter "
               "--collector.stat_statements); look it up by queryid in pg_stat_statements.", ""});
  r.push_back({"PostgresWalArchivingFailing", "increase(pg_stat_archiver_failed_count[15m]) > 0", "0m", "critical",
               "WAL archiving fails on {{ $labels.instance }}",
               "archive_command (pgbackrest archive-push) failed: point-in-time recovery has a gap and pg_wal grows "
               "until the disk is full.", ""});
  r.push_back({"PostgresWalArchiveStale", "pg_stat_archiver_last_archive_age > 600", "5m", "warning",
               "No WAL segment archived on {{ $labels.instance }} for {{ $value | humanizeDuration }}",
               "With archive_timeout set a segment is archived at least that often; a gap means archiving is stuck.",
               ""});
  r.push_back({"PostgresDatabaseGrowingFast", "pg_database_size_bytes / (pg_database_size_bytes offset 1d) > 1.1",
               "1h", "warning", "{{ $labels.datname }} grew more than 10% in a day",
               "Unexpected growth usually means bloat on the write-heavy tables or a runaway insert.", ""});
  r.push_back({"PostgresDiskFullSoon",
               "predict_linear(node_filesystem_avail_bytes{mountpoint=\"/var/lib/postgresql\"}[6h], 86400) < 0",
               "30m", "critical", "The PostgreSQL data volume on {{ $labels.instance }} fills up within 24h",
               "ASSUMPTION: data directory mounted at /var/lib/postgresql (node_exporter); adjust the mountpoint.", ""});
  return r;
}

std::vector<Rule> TableRules(const model::Catalog& catalog, const PressureMap& pressure) {
  std::vector<Rule> r;
  for (const TablePressure* p : HotWriteTables(pressure)) {
    const model::Table* table = catalog.FindTable(p->table);
    if (!table) continue;
    auto storage = StorageTables(catalog, *table);
    if (storage.empty()) continue;
    std::string sel = PromTableSelector(table->name, storage);
    std::string dead = "pg_stat_user_tables_n_dead_tup" + sel;
    std::string live = "pg_stat_user_tables_n_live_tup" + sel;
    std::string ratio = fmt::format("{0} / clamp_min({0} + {1}, 1)", dead, live);
    std::string name = CamelName(table->name);
    std::string writes = FormatCount(p->DeadTupleWrites());
    bool very_hot = p->DeadTupleWrites() >= kVeryHotWritesPerHour;
    r.push_back({"PostgresDeadTuples" + name, fmt::format("({} > 0.1) and {} > 1000", ratio, dead), "30m", "warning",
                 fmt::format("{} has {{{{ $value | humanizePercentage }}}} dead tuples", table->name.ToString()),
                 fmt::format("{} receives ~{} UPDATE/DELETE calls/h; vacuum is falling behind.", table->name.ToString(),
                             writes),
                 table->name.ToString()});
    r.push_back({"PostgresDeadTuplesCritical" + name, fmt::format("({} > 0.2) and {} > 1000", ratio, dead), "30m",
                 "critical",
                 fmt::format("{} has {{{{ $value | humanizePercentage }}}} dead tuples", table->name.ToString()),
                 fmt::format("{} is bloating: look for long transactions and autovacuum throttling.",
                             table->name.ToString()),
                 table->name.ToString()});
    int hours = very_hot ? 1 : 6;
    r.push_back({"PostgresAutovacuumStale" + name,
                 fmt::format("(time() - pg_stat_user_tables_last_autovacuum{} > {}) and {} > 1000", sel, hours * 3600,
                             dead),
                 "15m", "warning",
                 fmt::format("{} not autovacuumed for more than {}h", table->name.ToString(), hours),
                 fmt::format("At ~{} writes/h {} should be vacuumed several times a day; check blocking "
                             "transactions and autovacuum workers.",
                             writes, table->name.ToString()),
                 table->name.ToString()});
  }
  for (const auto& key : NarrowSequenceKeys(catalog)) {
    std::string sel = PromSequenceSelector(*key.table, *key.column);
    std::string name = CamelName(key.table->name);
    std::string column = key.table->name.ToString() + "." + key.column->name;
    r.push_back({"PostgresSequenceUsage" + name, "max(pg_sequence_overflow_column_ratio" + sel + ") > 0.5", "1h",
                 "warning", fmt::format("{} ({}) has used {{{{ $value | humanizePercentage }}}} of its range", column,
                                        key.column->type.ToSql()),
                 "Plan the migration to bigint (needs postgres_exporter --collector.sequence_overflow).",
                 key.table->name.ToString()});
    r.push_back({"PostgresSequenceUsageCritical" + name, "max(pg_sequence_overflow_column_ratio" + sel + ") > 0.75",
                 "1h", "critical",
                 fmt::format("{} ({}) has used {{{{ $value | humanizePercentage }}}} of its range", column,
                             key.column->type.ToSql()),
                 "INSERTs will fail when the sequence reaches the integer maximum; migrate to bigint now.",
                 key.table->name.ToString()});
  }
  return r;
}

}  // namespace

std::string PromTableSelector(const model::QualifiedName& table, const std::vector<const model::Table*>& storage) {
  std::string schema = PromString(table.schema);
  if (storage.size() == 1 && storage.front()->name.name == table.name) {
    return fmt::format("{{schemaname=\"{}\",relname=\"{}\"}}", schema, PromString(table.name));
  }
  std::string alternatives;
  for (const auto* t : storage) alternatives += (alternatives.empty() ? "" : "|") + RegexLiteral(t->name.name);
  return fmt::format("{{schemaname=\"{}\",relname=~\"{}\"}}", schema, PromString(alternatives));
}

std::string PromConnectionUsage() {
  return "sum by (instance) (pg_stat_activity_count) / on (instance) max by (instance) (pg_settings_max_connections)";
}

std::string PromCacheHitRatio() {
  const std::string hit = "sum by (instance, datname) (rate(pg_stat_database_blks_hit[10m]))";
  const std::string read = "sum by (instance, datname) (rate(pg_stat_database_blks_read[10m]))";
  return fmt::format("{0} / clamp_min({0} + {1}, 1)", hit, read);
}

std::string PromTransactionsPerSecond(const std::string& offset) {
  const std::string shift = offset.empty() ? "" : " offset " + offset;
  return fmt::format("sum by (instance, datname) (rate(pg_stat_database_xact_commit[5m]{0}) + "
                     "rate(pg_stat_database_xact_rollback[5m]{0}))",
                     shift);
}

std::string PromStatementMeanSeconds() {
  return "sum by (instance, datname, queryid) (rate(pg_stat_statements_seconds_total[10m])) / clamp_min(sum by "
         "(instance, datname, queryid) (rate(pg_stat_statements_calls_total[10m])), 0.000001)";
}

std::string PromSequenceSelector(const model::Table& table, const model::Column& column) {
  return fmt::format("{{schemaname=\"{}\",owned_by=\"{}\"}}", PromString(table.name.schema),
                     PromString(table.name.name + "." + column.name));
}

std::string PrometheusRules(const model::Catalog& catalog, const PressureMap& pressure) {
  std::string out =
      "# Generated by dbarch from the schema and workload: alerting rules for postgres_exporter.\n"
      "# Per-table rules cover the write-heavy tables and int4 sequences of this schema.\n"
      "groups:\n";
  EmitGroup("dbarch-postgres-instance", InstanceRules(), out);
  EmitGroup("dbarch-postgres-tables", TableRules(catalog, pressure), out);
  return out;
}

}  // namespace dbarch::analyzers::ops
