#include <cmath>

#include <fmt/format.h>

#include "analyzers/plan/plan_check.h"
#include "sql/ast.h"
#include "sql/parser.h"

namespace dbarch::analyzers::plan {
namespace {

bool HasFunctionCall(const std::string& expression) {
  bool found = false;
  auto parsed = sql::ParseOne("SELECT WHERE " + expression);
  if (!parsed.ok()) return false;
  sql::VisitTree(*parsed, [&](const google::protobuf::Message& message) {
    found = found || dynamic_cast<const pg_query::FuncCall*>(&message) != nullptr;
  });
  return found;
}

void Check(const PlanContext& context, const model::PlanNode& node, Findings* out) {
  if (!node.actual_rows || node.actual_loops.value_or(1) == 0) return;
  const double estimated = std::max(node.plan_rows, 1.0);
  const double actual = std::max(*node.actual_rows, 1.0);  // per loop, like the estimate
  const double factor = std::max(estimated / actual, actual / estimated);
  if (factor < context.options.estimate_error_factor || std::max(estimated, actual) < 100) return;
  const std::string condition = !node.filter.empty() ? node.filter : !node.index_cond.empty() ? node.index_cond
                                : !node.recheck_cond.empty() ? node.recheck_cond : !node.hash_cond.empty() ? node.hash_cond
                                : node.join_filter;
  const std::vector<std::string> columns = condition.empty() ? std::vector<std::string>{} : sql::ColumnsInExpression(condition);
  const bool function_call = HasFunctionCall(condition);
  std::string cause;
  std::string fix;
  const std::string table = TableOf(node);
  if (!table.empty() && columns.size() >= 2 && actual < estimated) {
    cause = fmt::format("the conditions on {} are probably correlated: the planner multiplies their selectivities as if "
                        "independent",
                        fmt::join(columns, ", "));
    fix = fmt::format("CREATE STATISTICS {}_{}_stats (dependencies, ndistinct, mcv) ON {} FROM {};\nANALYZE {};",
                      node.relation, fmt::join(columns, "_"), fmt::join(columns, ", "), table, table);
  } else if (!table.empty()) {
    cause = function_call ? "a function or expression in the condition has no statistics (an expression index or "
                            "CREATE STATISTICS on the expression gives it some)"
                          : "the table's statistics are probably stale or too coarse";
    fix = fmt::format("ANALYZE {};", table);
  } else {
    cause = "the error comes from the estimates of the inputs below this node; fix the lowest node with an error first";
  }
  out->push_back(MakeFinding(
      kRowEstimateError, node,
      fmt::format("{} returned {} rows where {} were estimated ({:.0f}× {})", Describe(node), Rows(actual), Rows(estimated),
                  factor, actual > estimated ? "more" : "fewer"),
      "Row estimates drive the choice of join methods, join order and memory; an error of this size above a join "
      "often makes the planner pick a nested loop over many rows or a hash that spills. Likely cause: " + cause + ".",
      {fmt::format("estimated {} rows per loop, actual {} per loop over {} loop(s)", Rows(estimated), Rows(actual),
                   Rows(node.actual_loops.value_or(1))),
       condition.empty() ? "no condition on this node" : "condition: " + condition},
      fix));
}

}  // namespace

const PlanCheck kRowEstimateError{"plan/row-estimate-error", Severity::kWarning, Check};

}  // namespace dbarch::analyzers::plan
