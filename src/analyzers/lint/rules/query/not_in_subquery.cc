// query/not-in-subquery: `x NOT IN (SELECT y …)` returns no rows as soon as the subquery yields one NULL, and
// PostgreSQL cannot turn it into an anti-join.
#include "analyzers/lint/rules/rule_helpers.h"
#include "sql/message_type.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  if (!IsQuery(context.statement.node)) return;
  bool found = false;
  ForEachNode(context, [&](const google::protobuf::Message& m) {
    if (!sql::Is<pg_query::BoolExpr>(m)) return;
    const auto& expr = static_cast<const pg_query::BoolExpr&>(m);
    if (expr.boolop() != pg_query::NOT_EXPR || expr.args_size() != 1 || !expr.args(0).has_sub_link()) return;
    if (expr.args(0).sub_link().sub_link_type() == pg_query::ANY_SUBLINK) found = true;
  });
  if (!found) return;
  Finding f = self.NewFinding(context, "", "NOT IN (subquery) returns nothing when the subquery yields a NULL, and is "
                                           "not planned as an anti-join.");
  f.explanation = "NOT IN compares with every value; one NULL makes the comparison unknown for all rows. It is also "
                  "executed as a (hashed) subplan that degrades badly when the subquery result does not fit in "
                  "work_mem. NOT EXISTS (SELECT 1 … WHERE y = x) has the intended meaning and becomes an anti-join.";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& NotInSubqueryRule() {
  static const LintRule kRule{"query/not-in-subquery", "NOT IN (subquery): NULL-unsafe and no anti-join",
                              Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
