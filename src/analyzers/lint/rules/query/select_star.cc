// query/select-star: SELECT * reads every column — wider rows, no index-only scans, and code that breaks or
// silently changes when a column is added.
#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  if (!node.has_select_stmt()) return;
  bool star = false;
  for (const auto& target : node.select_stmt().target_list()) {
    if (!target.has_res_target() || !target.res_target().val().has_column_ref()) continue;
    const auto& fields = target.res_target().val().column_ref().fields();
    if (!fields.empty() && fields[fields.size() - 1].has_a_star()) star = true;
  }
  if (!star) return;
  Finding f = self.NewFinding(context, "", "SELECT * reads every column of the table.");
  f.explanation = "Name the columns the code uses: fewer bytes per row (TOASTed columns are not fetched), index-only "
                  "scans become possible, and adding a column to the table does not change what the query returns.";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& SelectStarRule() {
  static const LintRule kRule{"query/select-star", "SELECT * instead of the columns the code needs", Severity::kInfo,
                              &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
