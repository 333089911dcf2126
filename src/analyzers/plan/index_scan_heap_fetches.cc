#include <fmt/format.h>

#include "analyzers/plan/plan_check.h"

namespace dbarch::analyzers::plan {
namespace {

void Check(const PlanContext&, const model::PlanNode& node, Findings* out) {
  if (node.node_type != "Index Only Scan" || !node.heap_fetches) return;
  const double rows = TotalActualRows(node).value_or(0);
  const double fetches = *node.heap_fetches;
  if (fetches < 1000 || fetches < 0.1 * rows) return;
  out->push_back(MakeFinding(
      kIndexScanHeapFetches, node,
      fmt::format("{} visited the heap for {} of {} rows", Describe(node), Rows(fetches), Rows(rows)),
      "An index-only scan skips the table only for pages the visibility map marks all-visible; pages changed since "
      "the last VACUUM must be read. Vacuum the table, and let autovacuum visit it more often if it changes a lot "
      "(autovacuum_vacuum_scale_factor, or autovacuum_vacuum_insert_scale_factor for insert-mostly tables).",
      {fmt::format("heap fetches: {}", Rows(fetches))},
      node.relation.empty() ? "" : fmt::format("VACUUM (ANALYZE) {};", TableOf(node))));
}

}  // namespace

const PlanCheck kIndexScanHeapFetches{"plan/index-scan-heap-fetches", Severity::kWarning, Check};

}  // namespace dbarch::analyzers::plan
