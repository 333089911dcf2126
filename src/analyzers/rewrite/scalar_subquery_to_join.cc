// rewrite/scalar-subquery-to-join: a correlated aggregate in the SELECT list,
//   SELECT c.id, (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) FROM customers c
// → the aggregate computed once per key and joined,
//   SELECT c.id, COALESCE(dbarch_sq1.v, 0) AS count FROM customers c
//   LEFT JOIN (SELECT o.customer_id AS k, count(*) AS v FROM orders o GROUP BY o.customer_id) dbarch_sq1
//   ON dbarch_sq1.k = c.id
// A correlated subquery runs once per outer row (a SubPlan); the grouped join reads the inner table once. The
// LEFT JOIN meets at most one group per row (k is grouped), so no row is duplicated or lost; count becomes 0
// where no group matches (also for a NULL key, as count over no rows), other aggregates stay NULL.
#include <set>

#include "analyzers/rewrite/rewrite_internal.h"
#include "sql/ast.h"
#include "sql/message_type.h"

namespace dbarch::analyzers::rewrite {
namespace {

bool IsPlainAggregateSubquery(const pg_query::SelectStmt& s, std::string* function) {
  if (s.op() != pg_query::SETOP_NONE || s.target_list_size() != 1 || s.group_clause_size() != 0 ||
      s.has_having_clause() || s.has_limit_count() || s.has_limit_offset() || s.distinct_clause_size() != 0 ||
      s.sort_clause_size() != 0 || s.window_clause_size() != 0 || !s.has_where_clause() || s.has_with_clause() ||
      SingleTable(s) == nullptr) {
    return false;
  }
  const auto& value = s.target_list(0).res_target().val();
  if (!value.has_func_call() || value.func_call().funcname_size() == 0) return false;
  const auto& call = value.func_call();
  if (call.agg_distinct() || call.has_agg_filter() || call.has_over() || call.agg_order_size() != 0) return false;
  static const std::set<std::string> kAggregates = {"count", "sum", "min", "max", "avg", "bool_and", "bool_or"};
  *function = sql::StringValue(call.funcname(call.funcname_size() - 1));
  return kAggregates.count(*function) > 0;
}

bool MentionsQualifier(const pg_query::Node& node, const std::string& qualifier) {
  bool found = false;
  sql::VisitTree(node, [&](const google::protobuf::Message& m) {
    if (sql::Is<pg_query::ColumnRef>(m) &&
        sql::ColumnRefQualifier(static_cast<const pg_query::ColumnRef&>(m)) == qualifier) {
      found = true;
    }
    if (sql::Is<pg_query::SubLink>(m)) found = true;  // nested subqueries: left alone
  });
  return found;
}

pg_query::Node ColumnOf(const std::string& table, const std::string& column) {
  pg_query::Node node;
  auto* ref = node.mutable_column_ref();
  ref->add_fields()->mutable_string()->set_sval(table);
  ref->add_fields()->mutable_string()->set_sval(column);
  ref->set_location(-1);
  return node;
}

}  // namespace

RewriteResult RewriteScalarSubqueryToJoin(const model::Catalog&, pg_query::Node* statement) {
  RewriteResult result;
  if (!statement->has_select_stmt()) return result;
  pg_query::SelectStmt* outer = statement->mutable_select_stmt();
  if (outer->op() != pg_query::SETOP_NONE || outer->from_clause_size() != 1) return result;
  const pg_query::RangeVar* outer_table = SingleTable(*outer);
  if (outer_table == nullptr) return result;
  const std::string outer_ref = ReferenceName(*outer_table);
  int counter = 0;
  for (auto& target : *outer->mutable_target_list()) {
    pg_query::ResTarget* res = target.mutable_res_target();
    if (!res->val().has_sub_link() || res->val().sub_link().sub_link_type() != pg_query::EXPR_SUBLINK) continue;
    if (!res->val().sub_link().subselect().has_select_stmt()) continue;
    const pg_query::SelectStmt& inner = res->val().sub_link().subselect().select_stmt();
    std::string function;
    if (!IsPlainAggregateSubquery(inner, &function)) continue;
    const std::string inner_ref = ReferenceName(*SingleTable(inner));
    if (inner_ref == outer_ref) continue;
    // Exactly one conjunct correlates: inner.col = outer.col; the others mention only the inner table.
    std::vector<pg_query::Node> conjuncts;
    if (inner.where_clause().has_bool_expr() && inner.where_clause().bool_expr().boolop() == pg_query::AND_EXPR) {
      conjuncts.assign(inner.where_clause().bool_expr().args().begin(), inner.where_clause().bool_expr().args().end());
    } else if (inner.where_clause().has_bool_expr()) {
      continue;  // OR / NOT at the top: not a plain correlation
    } else {
      conjuncts.push_back(inner.where_clause());
    }
    std::optional<pg_query::Node> inner_key, outer_key;
    std::vector<pg_query::Node> rest;
    bool usable = true;
    for (const auto& c : conjuncts) {
      if (c.has_a_expr() && c.a_expr().kind() == pg_query::AEXPR_OP && c.a_expr().name_size() == 1 &&
          sql::StringValue(c.a_expr().name(0)) == "=" && c.a_expr().lexpr().has_column_ref() &&
          c.a_expr().rexpr().has_column_ref()) {
        const auto& l = c.a_expr().lexpr();
        const auto& r = c.a_expr().rexpr();
        const std::string lq = sql::ColumnRefQualifier(l.column_ref()), rq = sql::ColumnRefQualifier(r.column_ref());
        if ((lq == outer_ref) != (rq == outer_ref)) {
          if (outer_key) usable = false;  // two correlations: not handled
          outer_key = lq == outer_ref ? l : r;
          inner_key = lq == outer_ref ? r : l;
          continue;
        }
      }
      if (MentionsQualifier(c, outer_ref)) usable = false;
      rest.push_back(c);
    }
    if (!usable || !outer_key || MentionsQualifier(inner.target_list(0).res_target().val(), outer_ref)) continue;
    if (sql::ColumnRefQualifier(inner_key->column_ref()).empty() && !Qualify(&*inner_key, inner_ref)) continue;

    const std::string alias = "dbarch_sq" + std::to_string(++counter);
    pg_query::SelectStmt grouped = inner;
    grouped.clear_target_list();
    auto* key_target = grouped.add_target_list()->mutable_res_target();
    key_target->set_name("k");
    *key_target->mutable_val() = *inner_key;
    key_target->set_location(-1);
    auto* value_target = grouped.add_target_list()->mutable_res_target();
    value_target->set_name("v");
    *value_target->mutable_val() = inner.target_list(0).res_target().val();
    value_target->set_location(-1);
    grouped.clear_where_clause();
    for (const auto& c : rest) {
      *grouped.mutable_where_clause() = grouped.has_where_clause() ? MakeAnd(grouped.where_clause(), c) : c;
    }
    *grouped.add_group_clause() = *inner_key;

    pg_query::Node derived;
    auto* sub = derived.mutable_range_subselect();
    *sub->mutable_subquery()->mutable_select_stmt() = std::move(grouped);
    sub->mutable_alias()->set_aliasname(alias);
    pg_query::Node join;
    auto* j = join.mutable_join_expr();
    j->set_jointype(pg_query::JOIN_LEFT);
    *j->mutable_larg() = outer->from_clause(0);
    *j->mutable_rarg() = std::move(derived);
    *j->mutable_quals() = MakeEquality(ColumnOf(alias, "k"), *outer_key);
    *outer->mutable_from_clause(0) = std::move(join);

    // The output column keeps its name: an unnamed scalar subquery was named after its aggregate.
    if (res->name().empty()) res->set_name(function);
    if (function == "count") {
      pg_query::Node coalesce;
      auto* c = coalesce.mutable_coalesce_expr();
      *c->add_args() = ColumnOf(alias, "v");
      *c->add_args() = MakeIntegerConstant(0);
      c->set_location(-1);
      *res->mutable_val() = std::move(coalesce);
    } else {
      *res->mutable_val() = ColumnOf(alias, "v");
    }
    result.applied = true;
    // Later targets join onto the new FROM item; SingleTable() no longer holds, but outer_ref is still valid.
  }
  return result;
}

}  // namespace dbarch::analyzers::rewrite
