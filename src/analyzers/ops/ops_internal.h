// Shared vocabulary of the ops analyzers (performance advice, monitoring plan, Prometheus rules, backup
// outline): per-table read/write pressure estimated from the workload, the tables that pressure makes
// interesting (hot-updated, append-only, int4-keyed), and small formatting helpers so every piece of
// advice cites its evidence the same way.
//
// Workload weights are `-- calls: N` annotations, read as executions per hour. Without live statistics we
// know how often a statement runs but not how many rows it touches nor how large a table is; advice says
// so where it matters.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analyzers/ops_advice.h"
#include "model/catalog.h"
#include "model/workload.h"

namespace google::protobuf {
class Message;
}

namespace dbarch::analyzers::ops {

// UPDATE+DELETE calls/h from which a table's dead tuples outpace the default autovacuum trigger
// (50 rows + 20 % of the table) on any table large enough to matter: 1 000/h is ~24 000 dead rows a day.
inline constexpr double kHotWritesPerHour = 1000;
// Above this the table churns so fast (≈3 writes/s) that even 2 % bloat accumulates within hours.
inline constexpr double kVeryHotWritesPerHour = 10000;
// INSERT calls/h from which an append-only table grows by ~1M rows a month and time partitioning pays.
inline constexpr double kAppendInsertsPerHour = 1000;
// Tables with at least this many columns are "wide" for SELECT * purposes.
inline constexpr size_t kWideTableColumns = 12;
inline constexpr double kHoursPerYear = 8766;

// Hardware assumed until `dbarch tune` is given real facts: every number derived from these says so.
inline constexpr int kAssumedCores = 4;
inline constexpr int kAssumedSpindles = 1;  // SSD / cloud volume counts as one
// PgBouncer server pool per database: (2 × cores) + effective spindles.
inline constexpr int AssumedPoolSize() { return 2 * kAssumedCores + kAssumedSpindles; }
// Pool + reserve, doubled for a second pool or failover, plus admin, replication and monitoring sessions.
inline constexpr int SuggestedMaxConnections() { return 2 * AssumedPoolSize() + 20; }

struct TablePressure {
  model::QualifiedName table;
  double reads = 0;    // calls/h of statements that read the table (SELECT, or joined into a write)
  double inserts = 0;  // calls/h of INSERT (and MERGE) statements targeting it
  double updates = 0;  // calls/h of UPDATE (and MERGE) statements targeting it
  double deletes = 0;
  std::map<std::string, double> updated_columns;  // column → UPDATE calls/h that SET it
  std::vector<const model::Query*> readers, inserters, updaters, deleters;

  double DeadTupleWrites() const { return updates + deletes; }
  bool IsAppendOnly() const { return inserts > 0 && updates == 0 && deletes == 0; }
};

using PressureMap = std::map<model::QualifiedName, TablePressure>;

// Sums the workload per table. Every resolved table of a query counts as read unless it is the target
// of the write; a write's target counts under its statement kind.
PressureMap EstimatePressure(const model::Workload& workload);

// Tables whose UPDATE+DELETE rate reaches kHotWritesPerHour, busiest first.
std::vector<const TablePressure*> HotWriteTables(const PressureMap& pressure);

// The column an append-only table is ordered by in time: a date/timestamp column defaulting to
// now()/CURRENT_TIMESTAMP, else one named like created_at/occurred_at/logged_at/ts. nullptr when none.
const model::Column* TimeColumn(const model::Table& table);

// Partitions whose parent is `parent`, in name order.
std::vector<const model::Table*> PartitionsOf(const model::Catalog& catalog, const model::QualifiedName& parent);
// The tables autovacuum and storage parameters really apply to: the leaf partitions of a partitioned table
// (PostgreSQL refuses storage parameters on the parent), else the table itself.
std::vector<const model::Table*> StorageTables(const model::Catalog& catalog, const model::Table& table);

// An index and the table columns it depends on (key, INCLUDE, expression and predicate columns): updating
// any of them makes a HOT update impossible.
struct IndexColumns {
  const model::Index* index = nullptr;
  std::set<std::string> columns;
};
std::vector<IndexColumns> HotBlockingIndexes(const model::Catalog& catalog, const model::QualifiedName& table);

// A single-column integer/smallint primary key fed by a sequence (serial or identity): runs out at 2^31-1.
struct NarrowSequenceKey {
  const model::Table* table = nullptr;
  const model::Column* column = nullptr;
  double max_value = 0;
};
std::vector<NarrowSequenceKey> NarrowSequenceKeys(const model::Catalog& catalog);

// Statements whose effect outlives the transaction and so pins a server connection to one client, which
// breaks PgBouncer's transaction pooling: LISTEN, session SET, PREPARE, session advisory locks, temporary
// tables, WITH HOLD cursors. Found in the parse tree.
struct SessionFeature {
  std::string feature;  // "LISTEN", "SET search_path", "PREPARE", "pg_advisory_lock()", "temporary table", …
  const model::Query* query = nullptr;
};
std::vector<SessionFeature> DetectSessionFeatures(const model::Workload& workload);

// Whether the statement has an OFFSET clause (constant or parameter), from the parse tree.
bool HasOffset(const model::Query& query);

// Column names referenced by a deparsed SQL expression (parsed with libpg_query); empty when unparsable.
std::set<std::string> ColumnsOfExpression(const std::string& expression);

// Calls `visit` for every message in a parse tree, depth first.
void VisitMessages(const google::protobuf::Message& root,
                   const std::function<void(const google::protobuf::Message&)>& visit);

// "50,000"
std::string FormatCount(double value);
// "`UPDATE customers SET last_seen_at = now() WHERE id = $1` (UPDATE, 50,000 calls/h, queries/account.sql:12)"
std::string DescribeQuery(const model::Query& query);
// The statement text on one line, shortened to max_chars.
std::string OneLine(const std::string& text, size_t max_chars = 90);
// Workload queries sorted by calls, busiest first.
std::vector<const model::Query*> QueriesByCalls(const model::Workload& workload);

bool IsTimeType(const model::TypeName& type);
// Columns whose values are stored out of line when large (text, jsonb, bytea, arrays …).
bool IsToastableType(const model::TypeName& type);

// The individual advisors, assembled by AdvisePerformance in order.
void AdviseWriteHeavyTables(const model::Catalog& catalog, const PressureMap& pressure, std::vector<Advice>& out);
void AdviseAppendOnlyTables(const model::Catalog& catalog, const model::Workload& workload,
                            const PressureMap& pressure, std::vector<Advice>& out);
void AdviseQueryShapes(const model::Catalog& catalog, const model::Workload& workload, std::vector<Advice>& out);
void AdviseConnections(const model::Catalog& catalog, const model::Workload& workload, std::vector<Advice>& out);
// Read-replica routing (which statements a replica can serve) and a distribution key for a sharded setup.
void AdviseReadReplicas(const model::Workload& workload, const PressureMap& pressure, std::vector<Advice>& out);
void AdviseDistribution(const model::Catalog& catalog, const model::Workload& workload, std::vector<Advice>& out);
void AdviseKeyExhaustion(const model::Catalog& catalog, const PressureMap& pressure, std::vector<Advice>& out);

// The postgres_exporter label selector of a table's pg_stat_user_tables series: its own name, or its leaf
// partitions' names as a regex (statistics are kept per partition). Shared by alert rules and dashboard queries.
std::string PromTableSelector(const model::QualifiedName& table, const std::vector<const model::Table*>& storage);
// Series shared by the alert rules and the metrics' dashboard queries.
std::string PromConnectionUsage();
std::string PromCacheHitRatio();
std::string PromTransactionsPerSecond(const std::string& offset = "");  // offset: e.g. "1w"
std::string PromStatementMeanSeconds();
std::string PromSequenceSelector(const model::Table& table, const model::Column& column);

// Pieces of the monitoring plan.
std::vector<MonitoredMetric> PlanMetrics(const model::Catalog& catalog, const model::Workload& workload,
                                         const PressureMap& pressure);
std::vector<std::string> LoggingSettings(const model::Workload& workload);
std::string PrometheusRules(const model::Catalog& catalog, const PressureMap& pressure);
std::vector<Advice> BackupPlan(const model::Catalog& catalog, const model::Workload& workload,
                               const PressureMap& pressure);

// Mean execution time (ms) above which a statement run `calls_per_hour` times uses more than 5 % of one
// core by itself; the warning threshold for its pg_stat_statements entry (clamped to 1 ms … 1 s).
double SlowQueryWarningMs(double calls_per_hour);
// Autovacuum settings for a table with this UPDATE+DELETE rate.
struct AutovacuumSettings {
  double vacuum_scale_factor;
  int vacuum_threshold;
  double analyze_scale_factor;
};
AutovacuumSettings AutovacuumFor(double dead_tuple_writes_per_hour);

}  // namespace dbarch::analyzers::ops
