// Append-only, time-ordered tables (event logs, audit trails): partition by time so retention is a DROP
// instead of a DELETE, keep the partition set ahead of the clock, and index the time column with BRIN.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analyzers/ops/ops_internal.h"

namespace dbarch::analyzers::ops {

namespace {

bool IsRangeOp(const std::string& op) {
  return op == "<" || op == ">" || op == "<=" || op == ">=" || op == "BETWEEN" || op == "NOT BETWEEN";
}

// Queries that filter the column with a range comparison (what a BRIN or a partition bound can prune).
std::vector<const model::Query*> RangeQueriesOn(const model::Workload& workload, const model::QualifiedName& table,
                                                const std::string& column) {
  std::vector<const model::Query*> out;
  for (const auto& q : workload.queries) {
    for (const auto& pred : q.predicates) {
      if (pred.column.table == table && pred.column.column == column && IsRangeOp(pred.op)) {
        out.push_back(&q);
        break;
      }
    }
  }
  return out;
}

bool HasIndexOn(const model::Catalog& catalog, const model::QualifiedName& table, const std::string& column,
                const std::string& method) {
  for (const model::Index* index : catalog.IndexesOn(table)) {
    if (index->method == method && !index->keys.empty() && index->keys.front().column == column) return true;
  }
  return false;
}

// Whether another table has a foreign key to this one. A partitioned table's primary key must include
// the partition column, so single-column references to it would have to change: such a table is an entity
// (payments, orders), not a log, and partitioning it is a redesign rather than a maintenance measure.
bool IsReferenced(const model::Catalog& catalog, const model::QualifiedName& table) {
  for (const auto& [name, t] : catalog.tables) {
    for (const auto& c : t.constraints) {
      if (c.kind == model::ConstraintKind::kForeignKey && c.referenced_table == table && name != table) return true;
    }
  }
  return false;
}

std::string PressureLine(const model::QualifiedName& name, const TablePressure* p) {
  if (!p) return name.ToString() + ": not written by any statement of the workload";
  return fmt::format("{}: {} INSERT, {} UPDATE, {} DELETE calls/h", name.ToString(), FormatCount(p->inserts),
                     FormatCount(p->updates), FormatCount(p->deletes));
}

void PartitionMaintenanceAdvice(const model::Catalog& catalog, const model::Table& table, const TablePressure* p,
                                std::vector<Advice>& out) {
  auto partitions = PartitionsOf(catalog, table.name);
  const model::Table* default_partition = nullptr;
  for (const auto* part : partitions) {
    if (part->partition_bound == "DEFAULT") default_partition = part;
  }
  Advice a;
  a.id = "perf/partition-maintenance";
  a.title = fmt::format("Keep the partitions of {} ahead of time and expire old ones", table.name.ToString());
  std::string keys = fmt::format("{}", fmt::join(table.partition_keys, ", "));
  a.detail = fmt::format(
      "{} is partitioned by RANGE ({}) with {} partition(s){}. A range-partitioned table needs a job that "
      "creates the next partitions before rows arrive for them and detaches/drops partitions past the "
      "retention period (pg_partman, or a scheduled function). ",
      table.name.ToString(), keys, partitions.size(),
      default_partition ? " including the DEFAULT partition " + default_partition->name.ToString() : "");
  if (!default_partition) {
    a.detail +=
        "There is no DEFAULT partition: an INSERT whose key falls outside every bound fails with \"no "
        "partition of relation found for row\". Add a DEFAULT partition as a safety net and alert when it is "
        "not empty (rows there block creating the matching partition later). ";
  } else {
    a.detail += "Watch that the DEFAULT partition stays empty: rows there must be moved before a partition "
                "covering them can be created. ";
  }
  a.detail += "Live statistics would add the per-partition sizes and growth rate needed to size the retention.";
  a.evidence.push_back(PressureLine(table.name, p));
  for (const auto* part : partitions) a.evidence.push_back(part->name.ToString() + " " + part->partition_bound);
  if (!default_partition) {
    a.snippet += fmt::format("CREATE TABLE {} PARTITION OF {} DEFAULT;\n",
                             model::QualifiedName{table.name.schema, table.name.name + "_default"}.ToSql(),
                             table.name.ToSql());
  }
  a.snippet += fmt::format(
      "-- retention: detach without blocking writers (PostgreSQL 14+), then archive or drop\n"
      "-- ALTER TABLE {} DETACH PARTITION <oldest partition> CONCURRENTLY;\n",
      table.name.ToSql());
  a.based_on = p ? "schema+workload" : "schema";
  out.push_back(std::move(a));
}

void PartitionCandidateAdvice(const model::Table& table, const model::Column& time_column, const TablePressure& p,
                              std::vector<Advice>& out) {
  bool daily = p.inserts >= 100000;
  Advice a;
  a.id = "perf/partition-append-only-table";
  a.title = fmt::format("Partition append-only {} by RANGE ({})", table.name.ToString(), time_column.name);
  a.detail = fmt::format(
      "{} only receives INSERTs ({} calls/h, ~{} rows a month if each inserts one row) and has the time column "
      "{}. Range partitioning by {} ({} partitions) turns retention into DROP/DETACH PARTITION instead of a "
      "bulk DELETE that bloats the table, keeps the recent, hot partition and its indexes small and cached, "
      "and lets queries on a time range skip old partitions. PostgreSQL cannot partition a table in place: "
      "create the partitioned table, copy the rows in batches, then swap names. A primary key or unique "
      "constraint must include {}. Set autovacuum_vacuum_insert_scale_factor low on insert-only tables so the "
      "visibility map (index-only scans) and freezing keep up. Live statistics (table size, rows per day) "
      "would tell whether the table is already large enough for this to matter.",
      table.name.ToString(), FormatCount(p.inserts), FormatCount(p.inserts * 730), time_column.name,
      time_column.name, daily ? "daily" : "monthly", time_column.name);
  a.evidence.push_back(PressureLine(table.name, &p));
  for (const auto* q : p.inserters) a.evidence.push_back(DescribeQuery(*q));
  a.evidence.push_back(fmt::format("{}.{} {}{}", table.name.ToString(), time_column.name, time_column.type.ToSql(),
                                   time_column.default_expr ? " DEFAULT " + *time_column.default_expr : ""));
  model::QualifiedName staged{table.name.schema, table.name.name + "_partitioned"};
  model::QualifiedName first{table.name.schema, table.name.name + (daily ? "_pYYYYMMDD" : "_pYYYYMM")};
  model::QualifiedName fallback{table.name.schema, table.name.name + "_default"};
  a.snippet = fmt::format(
      "CREATE TABLE {0} (LIKE {1} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING IDENTITY)\n"
      "  PARTITION BY RANGE ({2});\n"
      "CREATE TABLE {3} PARTITION OF {0}\n"
      "  FOR VALUES FROM ('<period start>') TO ('<next period start>');\n"
      "CREATE TABLE {4} PARTITION OF {0} DEFAULT;\n"
      "ALTER TABLE {0} SET (autovacuum_vacuum_insert_scale_factor = 0.05);  -- set on each partition\n",
      staged.ToSql(), table.name.ToSql(), model::QuoteIdent(time_column.name), first.ToSql(), fallback.ToSql());
  a.based_on = "schema+workload";
  out.push_back(std::move(a));
}

void BrinAdvice(const model::Catalog& catalog, const model::Workload& workload, const model::Table& table,
                const std::string& column, const TablePressure* p, std::vector<Advice>& out) {
  if (HasIndexOn(catalog, table.name, column, "brin")) return;
  auto queries = RangeQueriesOn(workload, table.name, column);
  if (queries.empty()) return;
  bool has_btree = HasIndexOn(catalog, table.name, column, "btree");
  Advice a;
  a.id = "perf/brin-time-column";
  a.title = fmt::format("BRIN index candidate on {}.{}", table.name.ToString(), column);
  a.detail = fmt::format(
      "Rows of {} arrive in {} order and are never updated, so the physical order follows the time column. "
      "A BRIN index on {} is a few pages per gigabyte (a btree is ~2-3 % of the table) and prunes block "
      "ranges for the range filters below.{} BRIN suits scans over many rows (reports, exports); lookups of a "
      "few recent rows are still faster with a btree. Compare both plans with EXPLAIN (ANALYZE, BUFFERS) once "
      "real data is loaded.",
      table.name.ToString(), column, column,
      has_btree ? " A btree already leads with this column; if it only serves such range scans, the BRIN "
                  "could replace it and cut write amplification."
                : "");
  a.evidence.push_back(PressureLine(table.name, p));
  for (const auto* q : queries) a.evidence.push_back(DescribeQuery(*q));
  a.snippet = fmt::format("CREATE INDEX CONCURRENTLY {} ON {} USING brin ({});\n",
                          model::QuoteIdent(table.name.name + "_" + column + "_brin"), table.name.ToSql(),
                          model::QuoteIdent(column));
  if (table.kind == model::TableKind::kPartitioned) {
    a.snippet = fmt::format(
        "-- CONCURRENTLY is not supported on a partitioned table: create it on each partition, then on the parent\n"
        "CREATE INDEX {} ON {} USING brin ({});\n",
        model::QuoteIdent(table.name.name + "_" + column + "_brin"), table.name.ToSql(), model::QuoteIdent(column));
  }
  a.based_on = "schema+workload";
  out.push_back(std::move(a));
}

}  // namespace

void AdviseAppendOnlyTables(const model::Catalog& catalog, const model::Workload& workload,
                            const PressureMap& pressure, std::vector<Advice>& out) {
  for (const auto& [name, table] : catalog.tables) {
    if (table.partition_of || table.kind == model::TableKind::kForeign) continue;
    auto it = pressure.find(name);
    const TablePressure* p = it == pressure.end() ? nullptr : &it->second;
    if (table.kind == model::TableKind::kPartitioned) {
      if (table.partition_strategy != "range") continue;
      PartitionMaintenanceAdvice(catalog, table, p, out);
      // A BRIN on the partition key helps when partitions are large and rows are not updated.
      if (table.partition_keys.size() == 1 && (!p || p->updates == 0)) {
        const model::Column* key = table.FindColumn(table.partition_keys[0]);
        if (key && IsTimeType(key->type)) BrinAdvice(catalog, workload, table, key->name, p, out);
      }
      continue;
    }
    if (!p || !p->IsAppendOnly()) continue;
    const model::Column* time_column = TimeColumn(table);
    if (!time_column) continue;
    if (p->inserts >= kAppendInsertsPerHour && !IsReferenced(catalog, name)) PartitionCandidateAdvice(table, *time_column, *p, out);
    BrinAdvice(catalog, workload, table, time_column->name, p, out);
  }
}

}  // namespace dbarch::analyzers::ops
