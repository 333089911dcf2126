// How long each step of a migration plan should take, from the size of the tables it works on. An estimate
// to plan a deploy window with, not a promise: it assumes an otherwise idle server with the throughputs below
// (a modest cloud volume) and does not count the wait for the step's lock.
//
// The constants live here and only here (docs/diff.md repeats them):
//   catalog-only step                 instant (a catalog change once the lock is granted)
//   rewrite (ALTER COLUMN TYPE, …)    table + index bytes / rewrite_mb_per_s
//   scan (VALIDATE, SET NOT NULL)     heap bytes / scan_mb_per_s
//   index build                       heap bytes / scan_mb_per_s + rows·log2(rows) / sort_rows_log_per_s;
//                                     CONCURRENTLY scans twice
//   batched backfill                  rows / backfill_rows_per_s + ⌈rows / batch⌉ · pause
#pragma once

#include "analyzers/diff/diff_planner.h"
#include "model/statistics.h"

namespace dbarch::analyzers::diff {

// "< 1 s", "~30 s", "~12 min", "~1.5 h".
std::string DurationText(double seconds);

struct DurationModel {
  double rewrite_mb_per_s = 40;          // heap and indexes written anew, WAL included
  double scan_mb_per_s = 200;            // sequential read of the heap
  double sort_rows_log_per_s = 2.0e7;    // comparisons per second of an index build's sort (rows·log2 rows)
  double backfill_rows_per_s = 20000;    // UPDATE by ctid batches, excluding the pauses
};

// Sets estimated_seconds and duration_basis of every step. `stats` holds the source's table sizes (its origin
// says where they come from: live statistics or the round trip's synthetic data); a table missing from
// non-empty statistics is one the plan creates, so empty. With no statistics at all, steps that work on a
// table get no estimate (estimated_seconds < 0) and a basis saying what it scales with.
void EstimateStepDurations(const model::Statistics& stats, const PlanOptions& options, DiffPlan* plan,
                           const DurationModel& model = {});
// The same for any migration plan (the report's section 5, PlanFixes' steps); `options` gives a backfill's batch
// size and pause.
void EstimateStepDurations(const model::Statistics& stats, const PlanOptions& options, MigrationPlan* plan,
                           const DurationModel& model = {});

}  // namespace dbarch::analyzers::diff
