#include <fmt/format.h>

#include "analyzers/plan/plan_check.h"
#include "sql/ast.h"

namespace dbarch::analyzers::plan {
namespace {

void Check(const PlanContext& context, const model::PlanNode& node, Findings* out) {
  if (node.node_type != "Nested Loop" || node.children.size() < 2) return;
  const model::PlanNode& outer = node.children[0];
  const model::PlanNode& inner = node.children[1];
  const double loops = inner.actual_loops.value_or(0);
  if (loops < 1000) return;
  const double inner_rows_read =
      (inner.actual_rows.value_or(0) + inner.rows_removed_by_filter.value_or(0)) * loops;
  const bool inner_scans_everything = inner.node_type == "Seq Scan" || inner.node_type == "Materialize";
  if (!inner_scans_everything && inner_rows_read < context.options.large_table_rows * 10) return;
  std::vector<std::string> evidence = {
      fmt::format("inner side ({}) ran {} times, reading {} rows in all", Describe(inner), Rows(loops), Rows(inner_rows_read)),
      fmt::format("outer side ({}) estimated {} rows, returned {}", Describe(outer), Rows(outer.plan_rows),
                  Rows(TotalActualRows(outer).value_or(0)))};
  std::string fix;
  const std::string condition = !inner.filter.empty() ? inner.filter : node.join_filter;
  if (inner.node_type == "Seq Scan" && !inner.relation.empty()) {
    const std::vector<std::string> columns = sql::ColumnsInExpression(condition);
    if (!columns.empty()) fix = fmt::format("CREATE INDEX CONCURRENTLY ON {} ({});", TableOf(inner), fmt::join(columns, ", "));
  }
  const bool underestimated = outer.actual_rows && *outer.actual_rows > 10 * std::max(outer.plan_rows, 1.0);
  out->push_back(MakeFinding(
      kNestedLoopLargeInput, node, fmt::format("{} repeated its inner side {} times", Describe(node), Rows(loops)),
      std::string("A nested loop pays for its inner side once per outer row. ") +
          (underestimated ? "The planner chose it because it expected far fewer outer rows: fix that estimate "
                            "(see plan/row-estimate-error) and it will likely pick a hash join. "
                          : "") +
          "With an index on the inner side's join column each repetition becomes a cheap lookup.",
      std::move(evidence), fix));
}

}  // namespace

const PlanCheck kNestedLoopLargeInput{"plan/nested-loop-large-input", Severity::kWarning, Check};

}  // namespace dbarch::analyzers::plan
