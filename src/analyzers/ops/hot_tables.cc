// Per-table pressure from the workload, and the schema facts that decide what the pressure means
// (partitions, HOT-blocking indexes, narrow sequence-fed keys).
#include <algorithm>
#include <cctype>

#include "analyzers/ops/ops_internal.h"

namespace dbarch::analyzers::ops {

namespace {

void AddWrite(TablePressure& p, const model::Query& q) {
  switch (q.kind) {
    case model::StatementKind::kInsert:
      p.inserts += q.calls;
      p.inserters.push_back(&q);
      break;
    case model::StatementKind::kUpdate:
    case model::StatementKind::kMerge:  // a MERGE may both update and insert; count it as both
      p.updates += q.calls;
      p.updaters.push_back(&q);
      for (const auto& c : q.set_columns) p.updated_columns[c.column] += q.calls;
      if (q.kind == model::StatementKind::kMerge) {
        p.inserts += q.calls;
        p.inserters.push_back(&q);
      }
      break;
    case model::StatementKind::kDelete:
      p.deletes += q.calls;
      p.deleters.push_back(&q);
      break;
    default:
      break;
  }
}

bool IsWrite(model::StatementKind kind) {
  return kind == model::StatementKind::kInsert || kind == model::StatementKind::kUpdate ||
         kind == model::StatementKind::kDelete || kind == model::StatementKind::kMerge;
}

bool IsIntegerType(const std::string& name) { return name == "integer" || name == "smallint"; }

bool DefaultIsNow(const std::optional<std::string>& default_expr) {
  if (!default_expr) return false;
  std::string d = *default_expr;
  std::transform(d.begin(), d.end(), d.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* f : {"now()", "current_timestamp", "clock_timestamp()", "statement_timestamp()",
                        "transaction_timestamp()", "localtimestamp", "current_date"}) {
    if (d.find(f) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

PressureMap EstimatePressure(const model::Workload& workload) {
  PressureMap out;
  for (const auto& q : workload.queries) {
    std::set<model::QualifiedName> seen;
    if (IsWrite(q.kind) && q.target && !q.target->name.empty()) {
      auto& p = out[*q.target];
      p.table = *q.target;
      AddWrite(p, q);
      seen.insert(*q.target);
    }
    for (const auto& t : q.tables) {
      if (t.name.empty() || !seen.insert(t).second) continue;
      auto& p = out[t];
      p.table = t;
      p.reads += q.calls;
      p.readers.push_back(&q);
    }
  }
  return out;
}

std::vector<const TablePressure*> HotWriteTables(const PressureMap& pressure) {
  std::vector<const TablePressure*> hot;
  for (const auto& [name, p] : pressure) {
    if (p.DeadTupleWrites() >= kHotWritesPerHour) hot.push_back(&p);
  }
  std::stable_sort(hot.begin(), hot.end(), [](const TablePressure* a, const TablePressure* b) {
    return a->DeadTupleWrites() > b->DeadTupleWrites();
  });
  return hot;
}

const model::Column* TimeColumn(const model::Table& table) {
  for (const auto& c : table.columns) {
    if (IsTimeType(c.type) && DefaultIsNow(c.default_expr)) return &c;
  }
  for (const char* name : {"created_at", "occurred_at", "logged_at", "recorded_at", "event_time", "inserted_at",
                           "ts", "timestamp", "time"}) {
    const model::Column* c = table.FindColumn(name);
    if (c && IsTimeType(c->type)) return c;
  }
  return nullptr;
}

std::vector<const model::Table*> PartitionsOf(const model::Catalog& catalog, const model::QualifiedName& parent) {
  std::vector<const model::Table*> out;
  for (const auto& [name, t] : catalog.tables) {
    if (t.partition_of && *t.partition_of == parent) out.push_back(&t);
  }
  return out;
}

std::vector<const model::Table*> StorageTables(const model::Catalog& catalog, const model::Table& table) {
  if (table.kind != model::TableKind::kPartitioned) return {&table};
  std::vector<const model::Table*> leaves;
  for (const model::Table* part : PartitionsOf(catalog, table.name)) {
    auto below = StorageTables(catalog, *part);
    leaves.insert(leaves.end(), below.begin(), below.end());
  }
  return leaves;
}

std::vector<IndexColumns> HotBlockingIndexes(const model::Catalog& catalog, const model::QualifiedName& table) {
  std::vector<IndexColumns> out;
  for (const model::Index* index : catalog.IndexesOn(table)) {
    // BRIN indexes are "summarizing": since PostgreSQL 16 they no longer prevent HOT updates.
    if (index->method == "brin") continue;
    IndexColumns ic{index, {}};
    for (const auto& key : index->keys) {
      if (!key.column.empty()) ic.columns.insert(key.column);
      if (!key.expression.empty()) ic.columns.merge(ColumnsOfExpression(key.expression));
    }
    ic.columns.insert(index->include_columns.begin(), index->include_columns.end());
    if (!index->predicate.empty()) ic.columns.merge(ColumnsOfExpression(index->predicate));
    out.push_back(std::move(ic));
  }
  return out;
}

std::vector<NarrowSequenceKey> NarrowSequenceKeys(const model::Catalog& catalog) {
  std::vector<NarrowSequenceKey> out;
  for (const auto& [name, t] : catalog.tables) {
    if (t.partition_of) continue;  // partitions share the parent's key
    const model::Constraint* pk = t.PrimaryKey();
    if (!pk || pk->columns.size() != 1) continue;
    const model::Column* c = t.FindColumn(pk->columns[0]);
    if (!c || c->type.array_dims != 0 || !IsIntegerType(c->type.name)) continue;
    bool fed_by_sequence = c->from_serial || c->identity != model::IdentityKind::kNone ||
                           (c->default_expr && c->default_expr->find("nextval") != std::string::npos);
    if (!fed_by_sequence) continue;
    out.push_back({&t, c, c->type.name == "smallint" ? 32767.0 : 2147483647.0});
  }
  return out;
}

AutovacuumSettings AutovacuumFor(double dead_tuple_writes_per_hour) {
  // Default is 0.2 (20 % bloat before vacuum). On a very hot table vacuum every ~1 % of rows and keep the
  // fixed part high enough that small tables are not vacuumed continuously.
  if (dead_tuple_writes_per_hour >= kVeryHotWritesPerHour) return {0.01, 1000, 0.02};
  return {0.02, 500, 0.05};
}

}  // namespace dbarch::analyzers::ops
