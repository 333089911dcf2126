#include "analyzers/diff/step_duration.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

namespace dbarch::analyzers::diff {
namespace {

constexpr double kMB = 1024.0 * 1024.0;

std::string Bytes(double bytes) {
  if (bytes >= 1024 * kMB) return fmt::format("{:.1f} GB", bytes / (1024 * kMB));
  if (bytes >= kMB) return fmt::format("{:.0f} MB", bytes / kMB);
  return fmt::format("{:.0f} kB", bytes / 1024);
}

std::string Rows(double rows) {
  if (rows >= 1e6) return fmt::format("{:.1f}M rows", rows / 1e6);
  if (rows >= 1e4) return fmt::format("{:.0f}k rows", rows / 1e3);
  return fmt::format("{:.0f} rows", rows);
}


std::string Rate(double mb_per_s) { return fmt::format("~{:.0f} MB/s", mb_per_s); }

struct Size {
  double rows = 0;
  double heap_bytes = 0;
  double total_bytes = 0;
  bool known = false;
};

}  // namespace

std::string DurationText(double s) {
  if (s < 1) return "< 1 s";
  if (s < 90) return fmt::format("~{:.0f} s", s);
  if (s < 5400) return fmt::format("~{:.0f} min", s / 60);
  return fmt::format("~{:.1f} h", s / 3600);
}

void EstimateStepDurations(const model::Statistics& stats, const PlanOptions& options, DiffPlan* plan,
                           const DurationModel& model) {
  EstimateStepDurations(stats, options, &plan->plan, model);
}

void EstimateStepDurations(const model::Statistics& stats, const PlanOptions& options, MigrationPlan* plan,
                           const DurationModel& model) {
  std::map<std::string, Size> sizes;
  for (const auto& [name, t] : stats.tables) {
    Size s;
    s.rows = stats.RowCount(name).value_or(0);
    s.heap_bytes = static_cast<double>(t.table_bytes);
    s.total_bytes = static_cast<double>(std::max(t.total_bytes, t.table_bytes));
    s.known = true;
    sizes[name.ToString()] = s;
  }
  const bool have_stats = stats.origin != model::Statistics::Origin::kNone || !stats.tables.empty();
  const std::string origin = stats.origin == model::Statistics::Origin::kLive        ? "live statistics"
                             : stats.origin == model::Statistics::Origin::kSynthetic ? "the round trip's synthetic data"
                                                                                     : "statistics";
  for (auto& step : plan->steps) {
    if (step.work.empty()) {
      step.estimated_seconds = 0;
      step.duration_basis = "instant: catalog only, once the lock is granted";
      continue;
    }
    double total = 0;
    std::vector<std::string> parts;
    for (const auto& w : step.work) {
      Size s;
      auto it = sizes.find(w.table);
      if (it != sizes.end()) s = it->second;
      else if (have_stats) s.known = true;  // created by the plan: empty
      if (!have_stats) {
        switch (w.kind) {
          case TableWork::Kind::kRewrite:
            parts.push_back(fmt::format("rewrites {} at {}", w.table, Rate(model.rewrite_mb_per_s)));
            break;
          case TableWork::Kind::kScan:
            parts.push_back(fmt::format("scans {} at {}", w.table, Rate(model.scan_mb_per_s)));
            break;
          case TableWork::Kind::kIndexBuild:
            parts.push_back(fmt::format("builds an index on {}: {} and a sort of its rows", w.table,
                                        w.concurrently ? "two scans (CONCURRENTLY)" : "a scan"));
            break;
          case TableWork::Kind::kBackfill:
            parts.push_back(fmt::format("backfills {} in batches of {} with {} s pauses", w.table,
                                        options.backfill_batch_rows, options.backfill_pause_seconds));
            break;
        }
        continue;
      }
      double seconds = 0;
      switch (w.kind) {
        case TableWork::Kind::kRewrite:
          seconds = s.total_bytes / kMB / model.rewrite_mb_per_s;
          parts.push_back(fmt::format("rewrites {}, {} at {}", w.table, Bytes(s.total_bytes), Rate(model.rewrite_mb_per_s)));
          break;
        case TableWork::Kind::kScan:
          seconds = s.heap_bytes / kMB / model.scan_mb_per_s;
          parts.push_back(fmt::format("scans {}, {} at {}", w.table, Bytes(s.heap_bytes), Rate(model.scan_mb_per_s)));
          break;
        case TableWork::Kind::kIndexBuild: {
          const double scans = w.concurrently ? 2 : 1;
          const double sort = s.rows * std::log2(std::max(s.rows, 2.0)) / model.sort_rows_log_per_s;
          seconds = scans * s.heap_bytes / kMB / model.scan_mb_per_s + sort;
          parts.push_back(fmt::format("builds an index on {}: {} read {} at {}, {}·log2 sorted", w.table,
                                      Bytes(s.heap_bytes), w.concurrently ? "twice" : "once",
                                      Rate(model.scan_mb_per_s), Rows(s.rows)));
          break;
        }
        case TableWork::Kind::kBackfill: {
          const double batches = std::ceil(s.rows / std::max(1, options.backfill_batch_rows));
          seconds = s.rows / model.backfill_rows_per_s + batches * options.backfill_pause_seconds;
          parts.push_back(fmt::format("backfills {} of {} in {:.0f} batches at ~{:.0f} rows/s plus {} s pauses",
                                      Rows(s.rows), w.table, batches, model.backfill_rows_per_s,
                                      options.backfill_pause_seconds));
          break;
        }
      }
      total += seconds;
    }
    std::string joined;
    for (const auto& p : parts) joined += (joined.empty() ? "" : "; ") + p;
    if (!have_stats) {
      step.estimated_seconds = -1;
      step.duration_basis = "not estimated (table sizes unknown: verify, or diff from a live database): " + joined;
    } else {
      step.estimated_seconds = total;
      step.duration_basis = DurationText(total) + ": " + joined + " (sizes from " + origin + ")";
    }
  }
}

}  // namespace dbarch::analyzers::diff
