// query/count-for-existence: `(SELECT count(*) …) > 0` counts every matching row to answer yes or no.
#include "analyzers/lint/rules/rule_helpers.h"
#include "sql/ast.h"
#include "sql/message_type.h"

namespace dbarch::analyzers::lint {
namespace {

bool IsCountSubquery(const pg_query::Node& node) {
  if (!node.has_sub_link() || node.sub_link().sub_link_type() != pg_query::EXPR_SUBLINK) return false;
  const auto& sub = node.sub_link().subselect();
  if (!sub.has_select_stmt() || sub.select_stmt().target_list_size() != 1) return false;
  const auto& value = sub.select_stmt().target_list(0).res_target().val();
  return value.has_func_call() && FunctionName(value.func_call()) == "count";
}

bool IsZeroOrOne(const pg_query::Node& node) {
  auto n = sql::IntegerValue(node);
  return n && (*n == 0 || *n == 1);
}

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  if (!IsQuery(context.statement.node)) return;
  bool found = false;
  ForEachNode(context, [&](const google::protobuf::Message& m) {
    if (!sql::Is<pg_query::A_Expr>(m)) return;
    const auto& expr = static_cast<const pg_query::A_Expr&>(m);
    if (expr.kind() != pg_query::AEXPR_OP || expr.name_size() != 1) return;
    const std::string op = sql::StringValue(expr.name(0));
    if (op != ">" && op != ">=" && op != "<>" && op != "!=" && op != "=") return;
    if ((IsCountSubquery(expr.lexpr()) && IsZeroOrOne(expr.rexpr())) ||
        (IsCountSubquery(expr.rexpr()) && IsZeroOrOne(expr.lexpr())))
      found = true;
  });
  if (!found) return;
  Finding f = self.NewFinding(context, "", "count(*) compared with 0 or 1 counts every matching row to test existence.");
  f.explanation = "EXISTS (SELECT 1 …) stops at the first matching row; count(*) reads them all.";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& CountForExistenceRule() {
  static const LintRule kRule{"query/count-for-existence", "count(*) > 0 instead of EXISTS", Severity::kWarning,
                              &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
