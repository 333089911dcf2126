#include <fmt/format.h>

#include "analyzers/plan/plan_check.h"
#include "sql/ast.h"

namespace dbarch::analyzers::plan {
namespace {

void Check(const PlanContext& context, const model::PlanNode& node, Findings* out) {
  if (node.node_type != "Seq Scan" || !node.rows_removed_by_filter || !node.actual_rows) return;
  const double loops = node.actual_loops.value_or(1);
  const double removed = *node.rows_removed_by_filter * loops;
  const double kept = *node.actual_rows * loops;
  const double read = removed + kept;
  if (read < context.options.large_table_rows || removed < 0.9 * read) return;
  const std::vector<std::string> columns = sql::ColumnsInExpression(node.filter);
  std::string fix;
  if (!columns.empty()) {
    fix = fmt::format("CREATE INDEX CONCURRENTLY ON {} ({});", TableOf(node), fmt::join(columns, ", "));
  }
  out->push_back(MakeFinding(
      kSeqScanFiltersMostRows, node,
      fmt::format("{} reads {} rows to keep {} ({:.2f} %)", Describe(node), Rows(read), Rows(kept), 100 * kept / read),
      "A sequential scan reads every page of the table whatever the filter keeps; an index on the filtered columns "
      "reads only the matching rows. `dbarch index` weighs such an index against the whole workload and its write "
      "cost before recommending it.",
      {"filter: " + node.filter, fmt::format("rows removed by filter: {}", Rows(removed))}, fix));
}

}  // namespace

const PlanCheck kSeqScanFiltersMostRows{"plan/seq-scan-filters-most-rows", Severity::kWarning, Check};

}  // namespace dbarch::analyzers::plan
