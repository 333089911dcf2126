#include <fmt/format.h>

#include "analyzers/plan/plan_check.h"

namespace dbarch::analyzers::plan {
namespace {

void Check(const PlanContext&, const model::PlanNode& node, Findings* out) {
  if (node.node_type != "Hash" || !node.hash_batches || *node.hash_batches <= 1) return;
  const double batches = *node.hash_batches;
  const double memory_kb = node.peak_memory_usage_kb.value_or(0);
  std::vector<std::string> evidence = {fmt::format("batches: {:.0f} (planned {:.0f}), memory per batch: {}", batches,
                                                   node.original_hash_batches.value_or(batches), Kb(memory_kb))};
  if (node.original_hash_batches && *node.original_hash_batches < batches) {
    evidence.push_back("the number of batches grew during execution: the input was larger than estimated");
  }
  out->push_back(MakeFinding(
      kHashMultipleBatches, node, fmt::format("{} was split into {:.0f} batches on disk", Describe(node), batches),
      "The hash table did not fit work_mem × hash_mem_multiplier, so both join inputs were partitioned to temporary "
      "files and read back. Raise work_mem for this query, or make the hashed (inner) side smaller.",
      std::move(evidence), fmt::format("SET LOCAL work_mem = '{}';", WorkMemFor(memory_kb * batches * 1.2))));
}

}  // namespace

const PlanCheck kHashMultipleBatches{"plan/hash-multiple-batches", Severity::kWarning, Check};

}  // namespace dbarch::analyzers::plan
