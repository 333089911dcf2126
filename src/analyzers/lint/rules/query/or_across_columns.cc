// query/or-across-columns: `a = $1 OR b = $2` on different columns cannot use one index scan; the planner needs a
// BitmapOr of two indexes or reads the table.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"
#include "sql/ast.h"
#include "sql/message_type.h"

namespace dbarch::analyzers::lint {
namespace {

// The column a comparison branch filters on ("" when the branch is not a simple comparison).
std::string BranchColumn(const pg_query::Node& branch) {
  if (branch.has_a_expr() && branch.a_expr().lexpr().has_column_ref() && !branch.a_expr().rexpr().has_column_ref())
    return sql::ColumnRefName(branch.a_expr().lexpr().column_ref());
  if (branch.has_null_test() && branch.null_test().arg().has_column_ref())
    return sql::ColumnRefName(branch.null_test().arg().column_ref());
  return "";
}

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  const pg_query::Node* where = node.has_select_stmt()   ? &node.select_stmt().where_clause()
                                : node.has_update_stmt() ? &node.update_stmt().where_clause()
                                : node.has_delete_stmt() ? &node.delete_stmt().where_clause()
                                                         : nullptr;
  if (!where) return;
  std::set<std::string> columns;
  VisitTree(*where, [&](const google::protobuf::Message& m) {
    if (!sql::Is<pg_query::BoolExpr>(m)) return;
    const auto& expr = static_cast<const pg_query::BoolExpr&>(m);
    if (expr.boolop() != pg_query::OR_EXPR) return;
    std::set<std::string> branch_columns;
    for (const auto& arg : expr.args()) {
      std::string column = BranchColumn(arg);
      if (column.empty()) return;
      branch_columns.insert(column);
    }
    if (branch_columns.size() > 1) columns.insert(branch_columns.begin(), branch_columns.end());
  });
  if (columns.empty()) return;
  std::string list;
  for (const auto& c : columns) list += (list.empty() ? "" : ", ") + c;
  Finding f = self.NewFinding(context, "", fmt::format("OR across different columns ({}) cannot be served by one index "
                                                       "scan.",
                                                       list));
  f.explanation = "The planner needs an index on each column to combine them (BitmapOr), otherwise it reads the whole "
                  "table. If the branches are selective, UNION ALL of one query per branch (with NOT … in the later "
                  "ones to avoid duplicates) uses one index each.";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& OrAcrossColumnsRule() {
  static const LintRule kRule{"query/or-across-columns", "OR between conditions on different columns", Severity::kInfo,
                              &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
