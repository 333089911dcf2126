// Autovacuum, globally and per table. The global trigger (50 rows + 20 % of the table dead) lets a large
// or busy table accumulate millions of dead rows before anything happens; per-table overrides bring the
// trigger down where the workload (writes/h) or the statistics (row counts) say it matters, and enough
// workers with enough I/O allowance keep up with them.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "analyzers/tune/tune_internal.h"

namespace dbarch::analyzers::tune {

namespace {

// From this many rows a table's 20 % default trigger means too many dead rows per vacuum.
constexpr double kLargeTableRows = 1'000'000;

std::string ScaleFactor(double value) { return fmt::format("{:g}", std::round(value * 1000) / 1000); }

struct TableTrigger {
  double vacuum_scale_factor = 0.2;
  int vacuum_threshold = 50;
  double analyze_scale_factor = 0.1;
  std::optional<double> insert_scale_factor;
  std::vector<std::string> reasons;
};

}  // namespace

int AutovacuumWorkers(const TuneContext& c) {
  const auto hot = ops::HotWriteTables(c.pressure);
  // One worker per hot table plus one for the rest, at least the default 3, at most half the cores.
  return std::clamp(static_cast<int>(hot.size()) + 1, 3, std::max(3, c.Cpus() / 2));
}

void AddAutovacuumSettings(const TuneContext& c, TuneAdvice& advice) {
  const auto hot = ops::HotWriteTables(c.pressure);
  const int workers = AutovacuumWorkers(c);
  if (workers != 3) {
    AddSetting(advice, "autovacuum_max_workers", std::to_string(workers), "autovacuum",
               fmt::format("{} write-heavy table(s) each keep a worker busy; one more for the rest (at most half of {})",
                           hot.size(), c.CpuFact()),
               "3", true);
  }
  if (c.Storage() != StorageKind::kHdd) {
    const int limit = c.Storage() == StorageKind::kSsd ? 2000 : 1000;
    AddSetting(advice, "autovacuum_vacuum_cost_limit", std::to_string(limit), "autovacuum",
               fmt::format("the default (200 per 2 ms, shared by all workers) throttles vacuum to a few MB/s of "
                           "dirtied pages, which {} does many times over; vacuum that keeps up avoids bloat{}",
                           c.StorageFact(),
                           c.Storage() == StorageKind::kNetwork ? " (network volumes have IOPS caps: half the SSD value)" : ""),
               "-1");
  }
  const bool very_hot = std::any_of(hot.begin(), hot.end(), [](const ops::TablePressure* p) {
    return p->DeadTupleWrites() >= ops::kVeryHotWritesPerHour;
  });
  if (very_hot) {
    AddSetting(advice, "autovacuum_naptime", "30s", "autovacuum",
               fmt::format("a table takes ≥ {} UPDATE+DELETE/h: autovacuum checks each database twice a minute so it "
                           "starts soon after the trigger is crossed",
                           ops::FormatCount(ops::kVeryHotWritesPerHour)),
               "1min");
  }
}

void AddTableOverrides(const TuneContext& c, TuneAdvice& advice) {
  std::map<model::QualifiedName, TableTrigger> triggers;
  // Busy tables, from the workload.
  for (const auto* p : ops::HotWriteTables(c.pressure)) {
    auto table = c.catalog.FindTable(p->table);
    if (table == nullptr) continue;
    const ops::AutovacuumSettings s = ops::AutovacuumFor(p->DeadTupleWrites());
    for (const auto* target : ops::StorageTables(c.catalog, *table)) {
      auto& t = triggers[target->name];
      t.vacuum_scale_factor = std::min(t.vacuum_scale_factor, s.vacuum_scale_factor);
      t.vacuum_threshold = std::max(t.vacuum_threshold, s.vacuum_threshold);
      t.analyze_scale_factor = std::min(t.analyze_scale_factor, s.analyze_scale_factor);
      t.reasons.push_back(fmt::format("{} UPDATE+DELETE calls/h on {}", ops::FormatCount(p->DeadTupleWrites()),
                                      p->table.ToString()));
    }
  }
  // Large tables, from the statistics: vacuum after ~500 000 dead rows (1–5 % of the table) instead of 20 %.
  if (c.statistics != nullptr) {
    for (const auto& [name, stats] : c.statistics->tables) {
      auto rows = c.statistics->RowCount(name);
      if (!rows || *rows < kLargeTableRows) continue;
      const auto* table = c.catalog.FindTable(name);
      if (table != nullptr && table->kind == model::TableKind::kPartitioned) continue;
      const double factor = std::clamp(500000.0 / *rows, 0.01, 0.05);
      auto& t = triggers[name];
      t.vacuum_scale_factor = std::min(t.vacuum_scale_factor, factor);
      t.analyze_scale_factor = std::min(t.analyze_scale_factor, factor / 2);
      t.reasons.push_back(fmt::format("{} rows: the default 20 % would wait for {} dead rows", ops::FormatCount(*rows),
                                      ops::FormatCount(*rows * 0.2)));
      auto pressure = c.pressure.find(name);
      if (c.request.server_major >= 13 && pressure != c.pressure.end() && pressure->second.IsAppendOnly()) {
        t.insert_scale_factor = factor;
        t.reasons.push_back("append-only: vacuum after inserts too, so the visibility map stays current "
                            "(index-only scans) and freezing happens in small steps");
      }
    }
  }
  for (auto& [name, t] : triggers) {
    TableStorageOverride o;
    o.table = name;
    o.parameters.emplace_back("autovacuum_vacuum_scale_factor", ScaleFactor(t.vacuum_scale_factor));
    o.parameters.emplace_back("autovacuum_vacuum_threshold", std::to_string(t.vacuum_threshold));
    o.parameters.emplace_back("autovacuum_analyze_scale_factor", ScaleFactor(t.analyze_scale_factor));
    if (t.insert_scale_factor) {
      o.parameters.emplace_back("autovacuum_vacuum_insert_scale_factor", ScaleFactor(*t.insert_scale_factor));
    }
    for (const auto& r : t.reasons) {
      if (!o.reason.empty()) o.reason += "; ";
      o.reason += r;
    }
    advice.table_overrides.push_back(std::move(o));
  }
}

}  // namespace dbarch::analyzers::tune
