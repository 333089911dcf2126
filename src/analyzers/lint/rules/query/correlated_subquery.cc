// query/correlated-subquery: a scalar subquery in the SELECT list or WHERE that refers to the outer query's tables
// runs once per outer row (a SubPlan); as a join the inner table is read once.
#include <fmt/format.h>

#include <set>

#include "analyzers/lint/rules/rule_helpers.h"
#include "sql/ast.h"
#include "sql/message_type.h"

namespace dbarch::analyzers::lint {
namespace {

// The names a FROM list makes visible to column references: aliases, or table names without one.
void CollectRangeNames(const pg_query::Node& item, std::set<std::string>* names) {
  if (item.has_range_var()) {
    const auto& rv = item.range_var();
    names->insert(rv.has_alias() ? rv.alias().aliasname() : rv.relname());
  } else if (item.has_join_expr()) {
    CollectRangeNames(item.join_expr().larg(), names);
    CollectRangeNames(item.join_expr().rarg(), names);
  } else if (item.has_range_subselect() && item.range_subselect().has_alias()) {
    names->insert(item.range_subselect().alias().aliasname());
  }
}

std::set<std::string> RangeNames(const pg_query::SelectStmt& select) {
  std::set<std::string> names;
  for (const auto& item : select.from_clause()) CollectRangeNames(item, &names);
  return names;
}

// Whether `subquery` uses a column qualified by one of `outer` names that it does not define itself.
bool RefersTo(const pg_query::SelectStmt& subquery, const std::set<std::string>& outer) {
  const std::set<std::string> inner = RangeNames(subquery);
  bool found = false;
  VisitTree(subquery, [&](const google::protobuf::Message& m) {
    if (found || !sql::Is<pg_query::ColumnRef>(m)) return;
    const auto& ref = static_cast<const pg_query::ColumnRef&>(m);
    if (ref.fields_size() < 2 || !ref.fields(0).has_string()) return;
    const std::string& qualifier = ref.fields(0).string().sval();
    found = outer.count(qualifier) && !inner.count(qualifier);
  });
  return found;
}

// Scalar subqueries (`(SELECT …)` used as a value) in the target list and WHERE of `select`, and whether one is
// correlated. EXISTS / IN / ANY sublinks are left alone: PostgreSQL plans them as semi- and anti-joins.
int CountCorrelated(const pg_query::SelectStmt& select) {
  const std::set<std::string> outer = RangeNames(select);
  if (outer.empty()) return 0;
  int correlated = 0;
  auto scan = [&](const google::protobuf::Message& root) {
    VisitTree(root, [&](const google::protobuf::Message& m) {
      if (!sql::Is<pg_query::SubLink>(m)) return;
      const auto& link = static_cast<const pg_query::SubLink&>(m);
      if (link.sub_link_type() != pg_query::EXPR_SUBLINK || !link.subselect().has_select_stmt()) return;
      if (RefersTo(link.subselect().select_stmt(), outer)) ++correlated;
    });
  };
  for (const auto& target : select.target_list()) scan(target);
  if (select.has_where_clause()) scan(select.where_clause());
  return correlated;
}

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  if (!node.has_select_stmt()) return;
  const auto& select = node.select_stmt();
  int correlated = 0;
  if (select.op() == pg_query::SETOP_NONE) {
    correlated = CountCorrelated(select);
  } else {
    for (const auto* side : {&select.larg(), &select.rarg()}) correlated += CountCorrelated(*side);
  }
  if (correlated == 0) return;
  Finding f = self.NewFinding(
      context, "",
      correlated == 1 ? "A correlated scalar subquery runs once for every row of the outer query."
                      : fmt::format("{} correlated scalar subqueries run once each for every row of the outer query.",
                                    correlated));
  f.explanation =
      "PostgreSQL executes a correlated subquery used as a value as a SubPlan, once per outer row: fast with an index "
      "and few rows, a nested loop over the whole inner table otherwise. An aggregate grouped once and LEFT JOINed "
      "reads the inner table once and can hash-join; several lookups of the same row become one LEFT JOIN LATERAL. "
      "`dbarch rewrite` proposes both forms and proves them on the scratch server (rewrite/scalar-subquery-to-join, "
      "rewrite/correlated-subquery-to-lateral).";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& CorrelatedSubqueryRule() {
  static const LintRule kRule{"query/correlated-subquery",
                              "correlated scalar subquery (once per row) that a join could replace", Severity::kInfo,
                              &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
