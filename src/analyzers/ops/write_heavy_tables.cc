// Tables with many UPDATEs/DELETEs: per-table autovacuum, fillfactor for HOT updates, and a warning when
// the hot UPDATE sets an indexed column (every such update writes a new entry into every index).
#include <fmt/format.h>

#include "analyzers/ops/ops_internal.h"

namespace dbarch::analyzers::ops {

namespace {

constexpr const char* kLiveStatsNote =
    " With live statistics (pg_stat_user_tables.n_tup_upd / n_tup_hot_upd / n_dead_tup and the table size) "
    "dbarch verify can confirm the bloat rate and the HOT ratio instead of inferring them from calls/h.";

std::vector<std::string> WriteEvidence(const model::Catalog& catalog, const TablePressure& p) {
  std::vector<std::string> evidence;
  evidence.push_back(fmt::format("{}: {} UPDATE + {} DELETE calls/h (dead tuples), {} INSERT calls/h, {} read calls/h",
                                 p.table.ToString(), FormatCount(p.updates), FormatCount(p.deletes),
                                 FormatCount(p.inserts), FormatCount(p.reads)));
  for (const auto* q : p.updaters) evidence.push_back(DescribeQuery(*q));
  for (const auto* q : p.deleters) evidence.push_back(DescribeQuery(*q));
  for (const auto& trig : catalog.triggers) {
    if (trig.table != p.table) continue;
    bool on_update = false;
    for (const auto& e : trig.events) on_update |= (e == "UPDATE");
    if (!on_update) continue;
    evidence.push_back(fmt::format("trigger {} ({} UPDATE{}) runs {}() on these updates", trig.name, trig.timing,
                                   trig.update_columns.empty() ? "" : " OF " + fmt::format("{}", fmt::join(trig.update_columns, ", ")),
                                   trig.function.ToString()));
  }
  return evidence;
}

std::string StorageTargets(const std::vector<const model::Table*>& targets) {
  std::vector<std::string> names;
  for (const auto* t : targets) names.push_back(t->name.ToString());
  return fmt::format("{}", fmt::join(names, ", "));
}

void AutovacuumAdvice(const model::Catalog& catalog, const model::Table& table, const TablePressure& p,
                      std::vector<Advice>& out) {
  AutovacuumSettings s = AutovacuumFor(p.DeadTupleWrites());
  auto targets = StorageTables(catalog, table);
  Advice a;
  a.id = "perf/autovacuum-hot-table";
  a.title = fmt::format("Tune autovacuum for write-heavy {}", table.name.ToString());
  a.detail = fmt::format(
      "The workload updates or deletes rows of {} about {} times per hour. With the default "
      "autovacuum_vacuum_scale_factor = 0.2 a table must accumulate 20 % dead rows before it is vacuumed, so "
      "on a large table bloat grows, index scans slow down and the HOT free space is used up. Lower the "
      "thresholds for this table only so vacuum runs after ~{:g} % of the rows changed.{}",
      table.name.ToString(), FormatCount(p.DeadTupleWrites()), s.vacuum_scale_factor * 100,
      table.kind == model::TableKind::kPartitioned
          ? " The table is partitioned: storage parameters are set on each partition (" + StorageTargets(targets) +
                "), and new partitions must get them too."
          : "");
  a.detail += kLiveStatsNote;
  a.evidence = WriteEvidence(catalog, p);
  for (const auto* t : targets) {
    a.snippet += fmt::format(
        "ALTER TABLE {} SET (autovacuum_vacuum_scale_factor = {:g}, autovacuum_vacuum_threshold = {}, "
        "autovacuum_analyze_scale_factor = {:g});\n",
        t->name.ToSql(), s.vacuum_scale_factor, s.vacuum_threshold, s.analyze_scale_factor);
  }
  a.based_on = "schema+workload";
  if (!targets.empty()) out.push_back(std::move(a));
}

void HotUpdateAdvice(const model::Catalog& catalog, const model::Table& table, const TablePressure& p,
                     std::vector<Advice>& out) {
  if (p.updates < kHotWritesPerHour || p.updated_columns.empty()) return;
  auto blocking = HotBlockingIndexes(catalog, table.name);
  // Which hot-updated columns are in an index, and which indexes.
  std::vector<std::string> blocked_evidence;
  std::set<std::string> blocked_columns;
  for (const auto& [column, calls] : p.updated_columns) {
    for (const auto& ic : blocking) {
      if (ic.columns.count(column)) {
        blocked_columns.insert(column);
        blocked_evidence.push_back(fmt::format("{}.{} (set by {} UPDATE calls/h) is used by index {}",
                                               table.name.ToString(), column, FormatCount(calls),
                                               ic.index->name.ToString()));
      }
    }
  }
  // Updates of unindexed columns only can be HOT if the page has room.
  double hot_capable = 0;
  for (const auto* q : p.updaters) {
    bool touches_index = false;
    for (const auto& c : q->set_columns) touches_index |= blocked_columns.count(c.column) > 0;
    if (!touches_index && !q->set_columns.empty()) hot_capable += q->calls;
  }

  auto targets = StorageTables(catalog, table);
  if (hot_capable >= kHotWritesPerHour && !targets.empty()) {
    int fillfactor = hot_capable >= kVeryHotWritesPerHour ? 80 : 90;
    Advice a;
    a.id = "perf/fillfactor-hot-updates";
    a.title = fmt::format("Leave free space in {} pages for HOT updates (fillfactor {})", table.name.ToString(),
                          fillfactor);
    a.detail = fmt::format(
        "{} UPDATE calls/h on {} set only columns that no index uses, so they can be HOT (heap-only tuple) "
        "updates: no index entries are written and the old version is pruned without vacuum — but only when "
        "the new row version fits on the same page. With the default fillfactor 100 pages are full after "
        "loading; fillfactor {} keeps {} % of every page free for updated versions. The setting applies to "
        "pages written afterwards; rewrite the table (pg_repack, or VACUUM FULL in a maintenance window) to "
        "apply it to existing pages. Live statistics would show the current HOT ratio "
        "(n_tup_hot_upd / n_tup_upd) to confirm the gain.",
        FormatCount(hot_capable), table.name.ToString(), fillfactor, 100 - fillfactor);
    for (const auto& [column, calls] : p.updated_columns) {
      if (!blocked_columns.count(column)) {
        a.evidence.push_back(fmt::format("{}.{} is set by {} UPDATE calls/h and is not in any index",
                                         table.name.ToString(), column, FormatCount(calls)));
      }
    }
    for (const auto* q : p.updaters) a.evidence.push_back(DescribeQuery(*q));
    for (const auto* t : targets) a.snippet += fmt::format("ALTER TABLE {} SET (fillfactor = {});\n", t->name.ToSql(), fillfactor);
    a.based_on = "schema+workload";
    out.push_back(std::move(a));
  }

  if (!blocked_columns.empty()) {
    double blocked_calls = 0;
    for (const auto* q : p.updaters) {
      for (const auto& c : q->set_columns) {
        if (blocked_columns.count(c.column)) {
          blocked_calls += q->calls;
          break;
        }
      }
    }
    if (blocked_calls < kHotWritesPerHour) return;
    Advice a;
    a.id = "perf/hot-update-blocked-by-index";
    a.title = fmt::format("Frequent UPDATEs of indexed columns on {} cannot be HOT", table.name.ToString());
    a.detail = fmt::format(
        "{} UPDATE calls/h on {} change columns that are part of an index (key, INCLUDE, expression or "
        "partial-index predicate). Such an update is never HOT: it inserts a new entry into every index of the "
        "table ({} indexes) and leaves dead index entries for vacuum. Check whether each of these indexes is "
        "needed for reads; if the column is only a status flag, a partial index on the rare value or moving the "
        "frequently changing column into a narrow side table keeps the other indexes untouched. BRIN indexes do "
        "not block HOT on PostgreSQL 16+. Live statistics (pg_stat_user_indexes.idx_scan) would tell which of "
        "these indexes the application actually uses.",
        FormatCount(blocked_calls), table.name.ToString(), catalog.IndexesOn(table.name).size());
    a.evidence = blocked_evidence;
    for (const auto* q : p.updaters) {
      for (const auto& c : q->set_columns) {
        if (blocked_columns.count(c.column)) {
          a.evidence.push_back(DescribeQuery(*q));
          break;
        }
      }
    }
    a.based_on = "schema+workload";
    out.push_back(std::move(a));
  }
}

}  // namespace

void AdviseWriteHeavyTables(const model::Catalog& catalog, const PressureMap& pressure, std::vector<Advice>& out) {
  for (const TablePressure* p : HotWriteTables(pressure)) {
    const model::Table* table = catalog.FindTable(p->table);
    if (!table || table->kind == model::TableKind::kForeign) continue;
    AutovacuumAdvice(catalog, *table, *p, out);
    HotUpdateAdvice(catalog, *table, *p, out);
  }
}

}  // namespace dbarch::analyzers::ops
