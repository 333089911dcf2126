// query/leading-wildcard-like: LIKE/ILIKE patterns that start with a wildcard cannot use a B-tree index.
#include "analyzers/lint/rules/rule_helpers.h"
#include "sql/ast.h"
#include "sql/message_type.h"

namespace dbarch::analyzers::lint {
namespace {

// The pattern starts with % or _: a constant '%…', or a concatenation starting with '%'.
bool LeadingWildcard(const pg_query::Node& pattern) {
  const pg_query::Node* p = &pattern;
  while (p->has_type_cast()) p = &p->type_cast().arg();
  while (p->has_a_expr() && p->a_expr().name_size() == 1 && sql::StringValue(p->a_expr().name(0)) == "||") p = &p->a_expr().lexpr();
  if (!p->has_a_const() || !p->a_const().has_sval()) return false;
  const std::string& text = p->a_const().sval().sval();
  return !text.empty() && (text[0] == '%' || text[0] == '_');
}

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  if (!IsQuery(context.statement.node)) return;
  bool found = false;
  ForEachNode(context, [&](const google::protobuf::Message& m) {
    if (!sql::Is<pg_query::A_Expr>(m)) return;
    const auto& expr = static_cast<const pg_query::A_Expr&>(m);
    if (expr.kind() != pg_query::AEXPR_LIKE && expr.kind() != pg_query::AEXPR_ILIKE) return;
    if (LeadingWildcard(expr.rexpr())) found = true;
  });
  if (!found) return;
  Finding f = self.NewFinding(context, "", "A LIKE/ILIKE pattern starting with a wildcard cannot use a B-tree index: "
                                           "every row is read.");
  f.explanation = "B-trees search by prefix. For substring search create a trigram index (CREATE EXTENSION pg_trgm; "
                  "CREATE INDEX … USING gin (col gin_trgm_ops)), or use full-text search; `dbarch index` proposes and "
                  "measures it.";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& LeadingWildcardLikeRule() {
  static const LintRule kRule{"query/leading-wildcard-like", "LIKE '%…' cannot use a B-tree index", Severity::kWarning,
                              &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
