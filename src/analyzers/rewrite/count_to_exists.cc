// rewrite/count-to-exists: `(SELECT count(*) FROM … WHERE …) > 0` → `EXISTS (SELECT 1 FROM … WHERE …)`;
// `= 0` → `NOT EXISTS`. EXISTS stops at the first matching row; count(*) reads them all. Always equivalent.
#include "analyzers/rewrite/rewrite_internal.h"
#include "sql/ast.h"
#include "sql/message_type.h"

namespace dbarch::analyzers::rewrite {
namespace {

bool IsCountSubquery(const pg_query::Node& node) {
  if (!node.has_sub_link() || node.sub_link().sub_link_type() != pg_query::EXPR_SUBLINK) return false;
  if (!node.sub_link().subselect().has_select_stmt()) return false;
  const auto& s = node.sub_link().subselect().select_stmt();
  if (s.op() != pg_query::SETOP_NONE || s.target_list_size() != 1 || s.group_clause_size() != 0 ||
      s.has_having_clause() || s.has_limit_count() || s.has_limit_offset() || s.distinct_clause_size() != 0) {
    return false;
  }
  const auto& value = s.target_list(0).res_target().val();
  if (!value.has_func_call() || value.func_call().funcname_size() == 0) return false;
  const auto& call = value.func_call();
  if (sql::StringValue(call.funcname(call.funcname_size() - 1)) != "count" || call.agg_distinct() ||
      call.has_agg_filter() || call.has_over()) {
    return false;
  }
  // count(*) or count(<constant>): count(column) skips NULLs, so it is not a pure existence test.
  return call.agg_star() || (call.args_size() == 1 && call.args(0).has_a_const());
}

enum class Test { kNone, kExists, kNotExists };

// `count op k` with the count on the left.
Test TestOf(const std::string& op, long long k) {
  if ((op == ">" && k == 0) || (op == ">=" && k == 1) || ((op == "<>" || op == "!=") && k == 0)) return Test::kExists;
  if ((op == "=" && k == 0) || (op == "<" && k == 1) || (op == "<=" && k == 0)) return Test::kNotExists;
  return Test::kNone;
}

std::string Mirrored(const std::string& op) {
  if (op == ">") return "<";
  if (op == "<") return ">";
  if (op == ">=") return "<=";
  if (op == "<=") return ">=";
  return op;
}

}  // namespace

RewriteResult RewriteCountToExists(const model::Catalog&, pg_query::Node* statement) {
  RewriteResult result;
  VisitMutable(statement, [&](google::protobuf::Message* message) {
    if (!sql::Is<pg_query::Node>(*message)) return;
    auto* node = static_cast<pg_query::Node*>(message);
    if (!node->has_a_expr()) return;
    const auto& expr = node->a_expr();
    if (expr.kind() != pg_query::AEXPR_OP || expr.name_size() != 1) return;
    const std::string op = sql::StringValue(expr.name(0));
    Test test = Test::kNone;
    const pg_query::Node* count = nullptr;
    if (IsCountSubquery(expr.lexpr())) {
      if (auto k = sql::IntegerValue(expr.rexpr())) test = TestOf(op, *k);
      count = &expr.lexpr();
    } else if (IsCountSubquery(expr.rexpr())) {
      if (auto k = sql::IntegerValue(expr.lexpr())) test = TestOf(Mirrored(op), *k);
      count = &expr.rexpr();
    }
    if (test == Test::kNone) return;
    pg_query::SelectStmt inner = count->sub_link().subselect().select_stmt();
    SetTargetToOne(&inner);
    pg_query::Node exists;
    auto* link = exists.mutable_sub_link();
    link->set_sub_link_type(pg_query::EXISTS_SUBLINK);
    *link->mutable_subselect()->mutable_select_stmt() = std::move(inner);
    link->set_location(-1);
    if (test == Test::kNotExists) {
      pg_query::Node negation;
      negation.mutable_bool_expr()->set_boolop(pg_query::NOT_EXPR);
      *negation.mutable_bool_expr()->add_args() = std::move(exists);
      negation.mutable_bool_expr()->set_location(-1);
      *node = std::move(negation);
    } else {
      *node = std::move(exists);
    }
    result.applied = true;
  });
  return result;
}

}  // namespace dbarch::analyzers::rewrite
