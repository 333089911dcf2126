// query/compare-with-null: `x = NULL` / `x <> NULL` is never true; IS [NOT] NULL was meant.
#include "analyzers/lint/rules/rule_helpers.h"
#include "sql/ast.h"
#include "sql/message_type.h"

namespace dbarch::analyzers::lint {
namespace {

bool IsNullConstant(const pg_query::Node& node) { return node.has_a_const() && node.a_const().isnull(); }

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  if (!IsQuery(context.statement.node)) return;
  bool found = false;
  ForEachNode(context, [&](const google::protobuf::Message& m) {
    if (!sql::Is<pg_query::A_Expr>(m)) return;
    const auto& expr = static_cast<const pg_query::A_Expr&>(m);
    if (expr.kind() != pg_query::AEXPR_OP || expr.name_size() != 1) return;
    const std::string op = sql::StringValue(expr.name(0));
    if (op != "=" && op != "<>" && op != "!=") return;
    if (IsNullConstant(expr.lexpr()) || IsNullConstant(expr.rexpr())) found = true;
  });
  if (!found) return;
  Finding f = self.NewFinding(context, "", "A comparison with NULL (= NULL, <> NULL) is never true.");
  f.explanation = "Any comparison with NULL yields NULL, which WHERE treats as false, so the condition matches no row. "
                  "Use IS NULL / IS NOT NULL, or IS [NOT] DISTINCT FROM to compare values that may be NULL.";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& CompareWithNullRule() {
  static const LintRule kRule{"query/compare-with-null", "= NULL or <> NULL is never true", Severity::kError, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
