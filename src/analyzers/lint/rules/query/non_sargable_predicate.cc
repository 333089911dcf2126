// query/non-sargable-predicate: a function or cast around an indexed column (`lower(email) = …`,
// `date(created_at) = …`, `id::text = …`) keeps the planner from using the index on the bare column.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"
#include "sources/workload_loader.h"
#include "sql/message_type.h"

namespace dbarch::analyzers::lint {
namespace {

bool LeadingIndexKey(const model::Catalog& catalog, const model::QualifiedName& table, const std::string& column,
                     const std::string& expression) {
  bool bare = false;
  for (const model::Index* index : catalog.IndexesOn(table)) {
    if (index->keys.empty()) continue;
    if (!index->keys.front().expression.empty() && index->keys.front().expression == expression) return false;
    if (index->keys.front().column == column) bare = true;
  }
  for (const auto& c : catalog.FindTable(table)->constraints) {
    if ((c.kind == model::ConstraintKind::kPrimaryKey || c.kind == model::ConstraintKind::kUnique) && !c.columns.empty() &&
        c.columns.front() == column)
      bare = true;
  }
  return bare;
}

bool ContainsColumn(const pg_query::Node& node) {
  bool found = false;
  VisitTree(node, [&](const google::protobuf::Message& m) { found = found || sql::Is<pg_query::ColumnRef>(m); });
  return found;
}

// An operand that is a computation over a column (not the bare column, not free of columns).
bool WrapsColumn(const pg_query::Node& operand) { return !operand.has_column_ref() && ContainsColumn(operand); }

// Whether any comparison, IS [NOT] NULL/TRUE or IN (subquery) of the statement compares a computed operand.
// Only such operands give the query shape's predicates an `expression`, and working the shape out (scopes,
// columns, deparsed expressions) costs far more than this walk; most statements have none.
bool MayHaveWrappedOperand(const pg_query::Node& statement) {
  bool found = false;
  VisitTree(statement, [&](const google::protobuf::Message& m) {
    if (found) return;
    if (sql::Is<pg_query::A_Expr>(m)) {
      const auto& e = static_cast<const pg_query::A_Expr&>(m);
      found = (e.has_lexpr() && WrapsColumn(e.lexpr())) || (e.has_rexpr() && WrapsColumn(e.rexpr()));
    } else if (sql::Is<pg_query::NullTest>(m)) {
      const auto& t = static_cast<const pg_query::NullTest&>(m);
      found = t.has_arg() && WrapsColumn(t.arg());
    } else if (sql::Is<pg_query::BooleanTest>(m)) {
      const auto& t = static_cast<const pg_query::BooleanTest&>(m);
      found = t.has_arg() && WrapsColumn(t.arg());
    } else if (sql::Is<pg_query::SubLink>(m)) {
      const auto& link = static_cast<const pg_query::SubLink&>(m);
      found = link.has_testexpr() && (link.testexpr().has_row_expr() ? ContainsColumn(link.testexpr())
                                                                     : WrapsColumn(link.testexpr()));
    }
  });
  return found;
}

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  if (!node.has_select_stmt() && !node.has_update_stmt() && !node.has_delete_stmt()) return;
  if (!MayHaveWrappedOperand(node)) return;
  const model::Query query = sources::AnalyzeQueryShape(context.statement, context.before);
  for (const auto& p : query.predicates) {
    if (p.expression.empty() || p.column.table.name.empty() || p.clause == "HAVING") continue;
    if (!context.before.FindTable(p.column.table)) continue;
    if (!LeadingIndexKey(context.before, p.column.table, p.column.column, p.expression)) continue;
    Finding f = self.NewFinding(context, p.column.ToString(),
                                fmt::format("{} wraps the indexed column {}: the index on {} cannot be used for this "
                                            "condition.",
                                            p.expression, p.column.ToString(), p.column.column));
    f.explanation = "An index serves comparisons with the bare column. Rewrite the condition on the column (date(x) = "
                    "$1 → x >= $1 AND x < $1 + 1; cast the parameter, not the column) or create an expression index "
                    "on exactly this expression.";
    out->push_back(std::move(f));
    return;
  }
}

}  // namespace

const LintRule& NonSargablePredicateRule() {
  static const LintRule kRule{"query/non-sargable-predicate", "A function or cast around an indexed column",
                              Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
