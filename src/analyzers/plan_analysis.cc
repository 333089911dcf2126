#include "analyzers/plan_analysis.h"

#include "analyzers/plan/plan_check.h"

namespace dbarch::analyzers {
namespace {

const std::vector<const plan::PlanCheck*>& AllPlanChecks() {
  static const std::vector<const plan::PlanCheck*> kChecks = {
      &plan::kDominantNode,          &plan::kRowEstimateError,     &plan::kSeqScanFiltersMostRows,
      &plan::kIndexScanHeapFetches,  &plan::kSortSpillsToDisk,     &plan::kHashMultipleBatches,
      &plan::kLossyBitmapScan,       &plan::kNestedLoopLargeInput, &plan::kParallelWorkersNotLaunched,
      &plan::kJitOverhead,           &plan::kSubplanReExecuted,    &plan::kNoPartitionPruning,
  };
  return kChecks;
}

void CollectParents(const model::PlanNode& node, std::map<const model::PlanNode*, const model::PlanNode*>* parents) {
  for (const model::PlanNode& child : node.children) {
    (*parents)[&child] = &node;
    CollectParents(child, parents);
  }
}

}  // namespace

namespace {

void TimeNode(const model::PlanNode& node, bool parallel, std::map<const model::PlanNode*, NodeTime>* times) {
  if (!node.actual_total_ms) return;
  const bool gathers = node.node_type == "Gather" || node.node_type == "Gather Merge";
  NodeTime time;
  time.inclusive_ms = parallel ? *node.actual_total_ms : *node.actual_total_ms * node.actual_loops.value_or(1);
  time.exclusive_ms = time.inclusive_ms;
  for (const model::PlanNode& child : node.children) {
    TimeNode(child, parallel || gathers, times);
    if (auto it = times->find(&child); it != times->end()) time.exclusive_ms -= it->second.inclusive_ms;
  }
  time.exclusive_ms = std::max(0.0, time.exclusive_ms);
  (*times)[&node] = time;
}

}  // namespace

std::map<const model::PlanNode*, NodeTime> TimePlan(const model::Plan& plan) {
  std::map<const model::PlanNode*, NodeTime> times;
  TimeNode(plan.root, false, &times);
  return times;
}

std::vector<const model::PlanNode*> HotPath(const model::Plan& plan,
                                            const std::map<const model::PlanNode*, NodeTime>& times) {
  std::vector<const model::PlanNode*> path;
  const model::PlanNode* node = &plan.root;
  if (!times.count(node)) return path;
  while (node != nullptr) {
    path.push_back(node);
    const model::PlanNode* next = nullptr;
    double best = -1;
    for (const model::PlanNode& child : node->children) {
      auto it = times.find(&child);
      if (it != times.end() && it->second.inclusive_ms > best) best = it->second.inclusive_ms, next = &child;
    }
    // Stop where the node's own time outweighs every child's: the hot spot is this node.
    if (next != nullptr && best < times.at(node).exclusive_ms) next = nullptr;
    node = next;
  }
  return path;
}

Findings AnalyzePlan(const model::Plan& plan, const PlanAnalysisOptions& options) {
  plan::PlanContext context{plan, options, plan.execution_ms, {}, TimePlan(plan)};
  if (!context.total_ms && context.times.count(&plan.root)) context.total_ms = context.times.at(&plan.root).inclusive_ms;
  CollectParents(plan.root, &context.parents);
  Findings findings;
  for (const model::PlanNode* node : plan.Nodes()) {
    for (const plan::PlanCheck* check : AllPlanChecks()) check->check(context, *node, &findings);
  }
  return findings;
}

}  // namespace dbarch::analyzers
