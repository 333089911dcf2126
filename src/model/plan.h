// A query plan as PostgreSQL's EXPLAIN describes it: a tree of nodes with the planner's estimates and, when
// run with ANALYZE/BUFFERS, what actually happened. Produced from EXPLAIN (FORMAT JSON) output
// (sources/explain_json.h) — by the verify stage for what-if costs and timed runs, and by plan analysis of
// captured EXPLAIN files.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dbarch::model {

struct PlanBuffers {
  long long shared_hit = 0, shared_read = 0, shared_dirtied = 0, shared_written = 0;
  long long local_hit = 0, local_read = 0, local_dirtied = 0, local_written = 0;
  long long temp_read = 0, temp_written = 0;
  double io_read_ms = 0, io_write_ms = 0;
};

struct PlanNode {
  std::string node_type;            // "Seq Scan", "Index Only Scan", "Hash Join", "Sort", …
  std::string parent_relationship;  // "Outer", "Inner", "SubPlan", "InitPlan", "Member"
  std::string subplan_name;         // "SubPlan 1", "CTE recent"
  std::string relation;             // scanned table
  std::string schema;               // with VERBOSE
  std::string alias;
  std::string index_name;           // index used by an index / index-only / bitmap index scan
  std::string join_type;            // "Inner", "Left", "Anti", "Semi", …
  std::string strategy;             // Aggregate: "Plain", "Sorted", "Hashed", "Mixed"
  std::string scan_direction;
  bool parallel_aware = false;

  double startup_cost = 0, total_cost = 0, plan_rows = 0;
  int plan_width = 0;

  // EXPLAIN ANALYZE (per loop, as PostgreSQL reports them); unset without ANALYZE or when never executed.
  std::optional<double> actual_startup_ms, actual_total_ms, actual_rows, actual_loops;

  std::string filter, index_cond, recheck_cond, join_filter, hash_cond, merge_cond, one_time_filter;
  std::vector<std::string> sort_key, group_key, output;
  std::optional<double> rows_removed_by_filter, rows_removed_by_index_recheck, rows_removed_by_join_filter;
  std::optional<double> heap_fetches;
  std::optional<double> exact_heap_blocks, lossy_heap_blocks;
  std::string sort_method;       // "quicksort", "external merge", "top-N heapsort"
  std::string sort_space_type;   // "Memory", "Disk"
  std::optional<double> sort_space_used_kb;
  std::optional<double> hash_batches, original_hash_batches, peak_memory_usage_kb;
  std::optional<int> workers_planned, workers_launched;
  std::optional<PlanBuffers> buffers;
  // Partitions pruned at run time (Append/MergeAppend) and subplans removed at plan time.
  std::optional<int> subplans_removed;

  // Properties not modelled above, as JSON text, so nothing EXPLAIN said is lost.
  std::map<std::string, std::string> other;

  std::vector<PlanNode> children;

  bool IsScan() const;  // any node that reads a relation
  // Actual time of the node including its children for all loops (ms); nullopt without ANALYZE.
  std::optional<double> TotalActualMs() const;
};

struct PlanTrigger {
  std::string name, relation;
  double time_ms = 0;
  double calls = 0;
};

struct Plan {
  PlanNode root;
  std::optional<double> planning_ms, execution_ms;
  std::optional<PlanBuffers> planning_buffers;
  // JIT (with ANALYZE): functions compiled and time spent per phase.
  std::optional<int> jit_functions;
  std::optional<double> jit_generation_ms, jit_inlining_ms, jit_optimization_ms, jit_emission_ms, jit_total_ms;
  std::vector<PlanTrigger> triggers;
  std::map<std::string, std::string> settings;  // EXPLAIN (SETTINGS)
  std::string query_text;                        // auto_explain's "Query Text"

  double TotalCost() const { return root.total_cost; }
  // Every index any node scans, sorted, without duplicates.
  std::vector<std::string> IndexesUsed() const;
  // Every node, depth first (the root first).
  std::vector<const PlanNode*> Nodes() const;
  // The plan on one line: "Limit → Sort → Hash Join(Seq Scan on orders, Hash → Index Scan using
  // customers_pkey on customers)".
  std::string Outline() const;
};

}  // namespace dbarch::model
