#include <fmt/format.h>

#include "analyzers/plan/plan_check.h"

namespace dbarch::analyzers::plan {
namespace {

void Check(const PlanContext&, const model::PlanNode& node, Findings* out) {
  if (node.node_type != "Bitmap Heap Scan" || !node.lossy_heap_blocks || *node.lossy_heap_blocks <= 0) return;
  const double lossy = *node.lossy_heap_blocks;
  const double exact = node.exact_heap_blocks.value_or(0);
  // An exact bitmap costs a few bytes per page plus per tuple; ~64 bytes per page is a safe bound.
  const double needed_kb = (lossy + exact) * 64 / 1024;
  out->push_back(MakeFinding(
      kLossyBitmapScan, node, fmt::format("{} turned lossy on {} pages", Describe(node), Rows(lossy)),
      "The bitmap did not fit work_mem, so it remembered whole pages instead of rows and every row of those pages was "
      "rechecked against the condition. More work_mem keeps the bitmap exact.",
      {fmt::format("heap blocks: exact={} lossy={}", Rows(exact), Rows(lossy)),
       node.rows_removed_by_index_recheck ? fmt::format("rows removed by index recheck: {}", Rows(*node.rows_removed_by_index_recheck))
                                          : "recheck count not shown"},
      fmt::format("SET LOCAL work_mem = '{}';", WorkMemFor(needed_kb))));
}

}  // namespace

const PlanCheck kLossyBitmapScan{"plan/lossy-bitmap-scan", Severity::kWarning, Check};

}  // namespace dbarch::analyzers::plan
