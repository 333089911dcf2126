// Plan analysis: what an EXPLAIN (ANALYZE) plan says is slow, with the evidence and a concrete fix — the
// reading a senior engineer does with explain.depesz.com or pev2. Each check has a stable id:
//
//   plan/dominant-node                one node takes most of the execution time (the hot spot)
//   plan/row-estimate-error           estimated vs actual rows off by 10× or more (stale stats, correlated
//                                     columns → CREATE STATISTICS, functions in the predicate)
//   plan/seq-scan-filters-most-rows   a sequential scan reads a large table to keep a few rows
//   plan/index-scan-heap-fetches      an index-only scan that still visits the heap (visibility map stale)
//   plan/sort-spills-to-disk          a sort that ran on disk (work_mem)
//   plan/hash-multiple-batches        a hash that did not fit work_mem and was split in batches
//   plan/lossy-bitmap-scan            a bitmap heap scan that turned lossy and rechecked whole pages
//   plan/nested-loop-large-input      a nested loop that repeats its inner side thousands of times
//   plan/parallel-workers-not-launched  fewer workers ran than were planned
//   plan/jit-overhead                 JIT compilation took a large share of a short query
//   plan/subplan-re-executed          a correlated SubPlan run once per outer row
//   plan/no-partition-pruning         an Append over every partition, each filtered the same way
//
// Analyzers never print: report/plan_text.h renders the tree (hot path marked) and the findings.
#pragma once

#include <map>
#include <vector>

#include "dbarch/finding.h"
#include "model/plan.h"

namespace dbarch::analyzers {

struct PlanAnalysisOptions {
  double large_table_rows = 10000;  // rows read for a scan to count as large
  double estimate_error_factor = 10;
  double dominant_share = 0.5;      // of the execution time
};

struct NodeTime {
  double inclusive_ms = 0;  // the node and everything below it, wall clock
  double exclusive_ms = 0;  // the node itself
};
// Times of every node from EXPLAIN ANALYZE (empty without timing). EXPLAIN prints per-loop averages: a node's
// wall time is that × loops, except below a Gather, where the loops are workers running side by side.
std::map<const model::PlanNode*, NodeTime> TimePlan(const model::Plan& plan);

// The nodes from the root down the child with the largest inclusive time, as far as timing is known;
// `times` is TimePlan(plan).
std::vector<const model::PlanNode*> HotPath(const model::Plan& plan,
                                            const std::map<const model::PlanNode*, NodeTime>& times);

// Every check on one plan. Findings name the node in `object` ("Seq Scan on public.orders") and carry the
// numbers in `evidence`; `location` is left for the caller (the file the plan came from).
Findings AnalyzePlan(const model::Plan& plan, const PlanAnalysisOptions& options = {});

}  // namespace dbarch::analyzers
