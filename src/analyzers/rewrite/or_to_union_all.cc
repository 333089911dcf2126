// rewrite/or-to-union-all: `SELECT … WHERE rest AND (a = $1 OR b = $2)` → `SELECT … WHERE rest AND a = $1
// UNION ALL SELECT … WHERE rest AND b = $2 AND (a = $1) IS NOT TRUE`. An OR across different columns often
// leaves the planner one choice, a scan of the whole table (or a BitmapOr it may not cost well); each branch
// can use its own index. `IS NOT TRUE` keeps a row that matches both disjuncts from coming twice (and is
// right for NULLs), so the rows are exactly the same, in no particular order — as before without ORDER BY.
#include <set>

#include "analyzers/rewrite/rewrite_internal.h"
#include "sql/ast.h"
#include "sql/message_type.h"

namespace dbarch::analyzers::rewrite {
namespace {

// Columns a disjunct refers to; false when it holds a subquery (kept out: it would run in every branch).
bool ColumnsOf(const pg_query::Node& node, std::set<std::string>* columns) {
  bool plain = true;
  sql::VisitTree(node, [&](const google::protobuf::Message& m) {
    if (sql::Is<pg_query::SubLink>(m)) plain = false;
    if (sql::Is<pg_query::ColumnRef>(m)) {
      columns->insert(sql::ColumnRefName(static_cast<const pg_query::ColumnRef&>(m)));
    }
  });
  return plain;
}

pg_query::Node OrOf(const std::vector<pg_query::Node>& parts) {
  if (parts.size() == 1) return parts.front();
  pg_query::Node node;
  node.mutable_bool_expr()->set_boolop(pg_query::OR_EXPR);
  for (const auto& p : parts) *node.mutable_bool_expr()->add_args() = p;
  node.mutable_bool_expr()->set_location(-1);
  return node;
}

// `x IS NOT TRUE`; for an OR, `NOT COALESCE(a OR b, false)` — the same test, spelled so that the deparser
// cannot drop the parentheses around the OR (IS binds tighter than OR).
pg_query::Node IsNotTrue(pg_query::Node expression) {
  pg_query::Node node;
  if (expression.has_bool_expr()) {
    pg_query::Node coalesce;
    auto* c = coalesce.mutable_coalesce_expr();
    *c->add_args() = std::move(expression);
    pg_query::Node no;
    no.mutable_a_const()->mutable_boolval()->set_boolval(false);
    no.mutable_a_const()->set_location(-1);
    *c->add_args() = std::move(no);
    c->set_location(-1);
    node.mutable_bool_expr()->set_boolop(pg_query::NOT_EXPR);
    *node.mutable_bool_expr()->add_args() = std::move(coalesce);
    node.mutable_bool_expr()->set_location(-1);
    return node;
  }
  auto* test = node.mutable_boolean_test();
  *test->mutable_arg() = std::move(expression);
  test->set_booltesttype(pg_query::IS_NOT_TRUE);
  test->set_location(-1);
  return node;
}

}  // namespace

RewriteResult RewriteOrToUnionAll(const model::Catalog&, pg_query::Node* statement) {
  RewriteResult result;
  if (!statement->has_select_stmt()) return result;
  const pg_query::SelectStmt& select = statement->select_stmt();
  if (select.op() != pg_query::SETOP_NONE || !select.has_where_clause() || select.group_clause_size() != 0 ||
      select.has_having_clause() || select.distinct_clause_size() != 0 || select.window_clause_size() != 0 ||
      select.sort_clause_size() != 0 || select.has_limit_count() || select.has_limit_offset() ||
      select.locking_clause_size() != 0 || select.has_into_clause() || select.from_clause_size() == 0 ||
      HasAggregateOrWindow(select)) {
    return result;
  }
  std::vector<pg_query::Node> conjuncts;
  const pg_query::Node& where = select.where_clause();
  if (where.has_bool_expr() && where.bool_expr().boolop() == pg_query::AND_EXPR) {
    conjuncts.assign(where.bool_expr().args().begin(), where.bool_expr().args().end());
  } else {
    conjuncts.push_back(where);
  }
  // Exactly one OR whose disjuncts test different columns (an OR on one column is an IN list).
  int or_index = -1;
  for (size_t i = 0; i < conjuncts.size(); ++i) {
    const auto& c = conjuncts[i];
    if (!c.has_bool_expr() || c.bool_expr().boolop() != pg_query::OR_EXPR) continue;
    if (or_index >= 0) return result;
    std::set<std::set<std::string>> column_sets;
    bool plain = true;
    for (const auto& d : c.bool_expr().args()) {
      std::set<std::string> columns;
      plain = plain && ColumnsOf(d, &columns);
      column_sets.insert(columns);
    }
    if (!plain || column_sets.size() < 2 || c.bool_expr().args_size() > 4) return result;
    or_index = static_cast<int>(i);
  }
  if (or_index < 0) return result;
  const auto disjuncts = conjuncts[static_cast<size_t>(or_index)].bool_expr().args();
  std::vector<pg_query::Node> rest;
  for (size_t i = 0; i < conjuncts.size(); ++i) {
    if (static_cast<int>(i) != or_index) rest.push_back(conjuncts[i]);
  }
  std::vector<pg_query::Node> earlier;
  pg_query::SelectStmt combined;
  for (int k = 0; k < disjuncts.size(); ++k) {
    pg_query::SelectStmt branch = select;
    pg_query::Node condition = disjuncts[k];
    for (auto it = rest.rbegin(); it != rest.rend(); ++it) condition = MakeAnd(*it, condition);
    if (!earlier.empty()) condition = MakeAnd(condition, IsNotTrue(OrOf(earlier)));
    *branch.mutable_where_clause() = std::move(condition);
    earlier.push_back(disjuncts[k]);
    if (k == 0) {
      combined = std::move(branch);
      continue;
    }
    pg_query::SelectStmt union_all;
    union_all.set_op(pg_query::SETOP_UNION);
    union_all.set_all(true);
    union_all.set_limit_option(pg_query::LIMIT_OPTION_DEFAULT);
    *union_all.mutable_larg() = std::move(combined);
    *union_all.mutable_rarg() = std::move(branch);
    combined = std::move(union_all);
  }
  if (select.has_with_clause()) {  // a WITH clause belongs to the whole union
    *combined.mutable_with_clause() = select.with_clause();
    std::function<void(pg_query::SelectStmt*)> strip = [&](pg_query::SelectStmt* s) {
      if (s->has_larg()) strip(s->mutable_larg());
      if (s->has_rarg()) strip(s->mutable_rarg());
      if (s != &combined) s->clear_with_clause();
    };
    strip(&combined);
  }
  *statement->mutable_select_stmt() = std::move(combined);
  result.applied = true;
  return result;
}

}  // namespace dbarch::analyzers::rewrite
