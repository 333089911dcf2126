// What every plan check shares: the plan being read, the options, and helpers to describe a node and its
// numbers. One check per file; the list lives in plan_analysis.cc.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analyzers/plan_analysis.h"

namespace dbarch::analyzers::plan {

struct PlanContext {
  const model::Plan& plan;
  const PlanAnalysisOptions& options;
  std::optional<double> total_ms;  // execution time (or the root's inclusive time) with ANALYZE
  std::map<const model::PlanNode*, const model::PlanNode*> parents;
  std::map<const model::PlanNode*, NodeTime> times;

  std::optional<double> ExclusiveMs(const model::PlanNode& node) const;
  std::optional<double> InclusiveMs(const model::PlanNode& node) const;

  const model::PlanNode* ParentOf(const model::PlanNode& node) const;
};

struct PlanCheck {
  const char* id;
  Severity severity;
  void (*check)(const PlanContext& context, const model::PlanNode& node, Findings* out);
};

// "Seq Scan on public.orders o", "Index Scan using orders_pkey on orders", "Hash Join".
std::string Describe(const model::PlanNode& node);
// Actual rows over all loops (EXPLAIN prints rows per loop).
std::optional<double> TotalActualRows(const model::PlanNode& node);
std::string Rows(double rows);      // 1234567 → "1,234,567"
std::string Ms(double ms);          // "12.3 ms", "4.56 s"
std::string Kb(double kb);          // "640 kB", "12.5 MB"
// work_mem that would hold `kb`: the next power of two in MB, at least 4 MB.
std::string WorkMemFor(double kb);
// The table a scan reads, schema-qualified when EXPLAIN VERBOSE gave the schema.
std::string TableOf(const model::PlanNode& node);

Finding MakeFinding(const PlanCheck& check, const model::PlanNode& node, std::string message,
                    std::string explanation, std::vector<std::string> evidence, std::string fix_sql = "");

// The checks, one per file.
extern const PlanCheck kDominantNode;
extern const PlanCheck kRowEstimateError;
extern const PlanCheck kSeqScanFiltersMostRows;
extern const PlanCheck kIndexScanHeapFetches;
extern const PlanCheck kSortSpillsToDisk;
extern const PlanCheck kHashMultipleBatches;
extern const PlanCheck kLossyBitmapScan;
extern const PlanCheck kNestedLoopLargeInput;
extern const PlanCheck kParallelWorkersNotLaunched;
extern const PlanCheck kJitOverhead;
extern const PlanCheck kSubplanReExecuted;
extern const PlanCheck kNoPartitionPruning;

}  // namespace dbarch::analyzers::plan
