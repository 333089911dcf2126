// query/distinct-with-join: DISTINCT over a join often hides a join that multiplies rows (a missing condition, or a
// one-to-many join used as a filter); the duplicates are still produced and then sorted or hashed away.
#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  if (!node.has_select_stmt() || node.select_stmt().distinct_clause().empty()) return;
  const auto& from = node.select_stmt().from_clause();
  bool joins = from.size() > 1;
  for (const auto& item : from) joins = joins || item.has_join_expr();
  if (!joins) return;
  Finding f = self.NewFinding(context, "", "DISTINCT over a join: the join may produce duplicates that DISTINCT then "
                                           "removes at the cost of a sort or hash.");
  f.explanation = "If the other table only filters (\"customers who have an order\"), EXISTS (SELECT 1 …) expresses it "
                  "without producing duplicates; if duplicates are unexpected, a join condition is missing.";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& DistinctWithJoinRule() {
  static const LintRule kRule{"query/distinct-with-join", "SELECT DISTINCT over a join", Severity::kInfo, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
