// Predicates and join conditions from WHERE, JOIN … ON and HAVING: which columns are compared with what.
// Only the boolean structure of a clause is examined here (AND/OR/NOT and comparisons); sub-queries in
// it are separate query levels with their own WHERE, extracted when the walker reaches them.
#include <algorithm>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "sources/workload/operators.h"
#include "sources/workload/query_walker.h"
#include "sql/parser.h"

namespace dbarch::sources::workload {

using Operand = model::Predicate::Operand;

namespace {

// The clauses an arm of an OR requires: its AND's arguments, or the arm itself.
std::vector<const pg_query::Node*> Conjuncts(const pg_query::Node& arm) {
  std::vector<const pg_query::Node*> out;
  if (arm.has_bool_expr() && arm.bool_expr().boolop() == pg_query::AND_EXPR) {
    for (const auto& arg : arm.bool_expr().args()) out.push_back(&arg);
  } else {
    out.push_back(&arm);
  }
  return out;
}

}  // namespace

void QueryWalker::AddPredicate(const ColumnSide& side, std::string op, Operand operand, std::string constant,
                               const PredicateContext& context) {
  model::Predicate predicate;
  predicate.column = *side.column;
  predicate.op = std::move(op);
  predicate.expression = side.expression;
  predicate.operand = operand;
  if (operand == Operand::kConstant) predicate.constant = std::move(constant);
  if (operand == Operand::kParameter && constant.size() > 1 && constant[0] == '$') {
    predicate.parameter = std::atoi(constant.c_str() + 1);
  }
  predicate.negated = context.negated;
  predicate.in_or = context.in_or;
  predicate.clause = context.clause;
  query_->predicates.push_back(std::move(predicate));
}

void QueryWalker::AddComparison(const pg_query::Node& left, const pg_query::Node& right, std::string op,
                                const Scope& scope, const PredicateContext& context) {
  ColumnSide l = DescribeSide(left, scope);
  ColumnSide r = DescribeSide(right, scope);
  if (l.column && r.column && l.plain && r.plain && l.column->table != r.column->table && !context.negated &&
      !context.in_or && IsComparisonOperator(op)) {
    query_->joins.push_back({*l.column, *r.column, op, context.join_type});
    return;
  }
  std::string constant;
  if (l.column) {
    Operand operand = ClassifyOperand(right, &constant);
    if (operand == Operand::kOther && r.column) operand = Operand::kColumn;
    AddPredicate(l, std::move(op), operand, std::move(constant), context);
    return;
  }
  if (r.column) {
    // `$1 < col` is `col > $1`; operators without a commuted form (LIKE …) are no use for the column.
    std::string commuted = CommutedOperator(op);
    if (commuted.empty()) return;
    AddPredicate(r, std::move(commuted), ClassifyOperand(left, &constant), std::move(constant), context);
  }
}

void QueryWalker::ExtractFromAExpr(const pg_query::A_Expr& expr, const Scope& scope,
                                   const PredicateContext& context) {
  PredicateContext ctx = context;
  std::string op = OperatorName(expr.name());
  if (!expr.has_lexpr() || !expr.has_rexpr()) return;  // prefix operators compute, they do not compare
  switch (expr.kind()) {
    case pg_query::AEXPR_OP:
    case pg_query::AEXPR_LIKE:
    case pg_query::AEXPR_ILIKE: {
      op = CanonicalOperator(op, &ctx.negated);
      if (!IsComparisonOperator(op)) return;
      // Row comparisons, e.g. keyset pagination `(created_at, id) < ($1, $2)`: one predicate per column.
      if (expr.lexpr().has_row_expr() && expr.rexpr().has_row_expr() &&
          expr.lexpr().row_expr().args_size() == expr.rexpr().row_expr().args_size()) {
        for (int i = 0; i < expr.lexpr().row_expr().args_size(); ++i) {
          AddComparison(expr.lexpr().row_expr().args(i), expr.rexpr().row_expr().args(i), op, scope, ctx);
        }
        return;
      }
      AddComparison(expr.lexpr(), expr.rexpr(), op, scope, ctx);
      return;
    }
    case pg_query::AEXPR_OP_ANY:
    case pg_query::AEXPR_OP_ALL: {
      ColumnSide side = DescribeSide(expr.lexpr(), scope);
      if (!side.column) return;
      std::string constant;
      Operand operand = ClassifyOperand(expr.rexpr(), &constant);
      AddPredicate(side, op + (expr.kind() == pg_query::AEXPR_OP_ANY ? " ANY" : " ALL"), operand, constant, ctx);
      return;
    }
    case pg_query::AEXPR_DISTINCT:
      AddComparison(expr.lexpr(), expr.rexpr(), "IS DISTINCT FROM", scope, ctx);
      return;
    case pg_query::AEXPR_NOT_DISTINCT:
      AddComparison(expr.lexpr(), expr.rexpr(), "IS NOT DISTINCT FROM", scope, ctx);
      return;
    case pg_query::AEXPR_IN: {
      if (op == "<>") ctx.negated = !ctx.negated;  // NOT IN (…)
      ColumnSide side = DescribeSide(expr.lexpr(), scope);
      if (!side.column) return;
      std::string constant;
      Operand operand = ClassifyOperand(expr.rexpr(), &constant);
      AddPredicate(side, "IN", operand, constant, ctx);
      return;
    }
    case pg_query::AEXPR_SIMILAR: {
      if (op == "!~") ctx.negated = !ctx.negated;
      ColumnSide side = DescribeSide(expr.lexpr(), scope);
      if (side.column) AddPredicate(side, "SIMILAR TO", Operand::kOther, "", ctx);
      return;
    }
    case pg_query::AEXPR_BETWEEN:
    case pg_query::AEXPR_NOT_BETWEEN:
    case pg_query::AEXPR_BETWEEN_SYM:
    case pg_query::AEXPR_NOT_BETWEEN_SYM: {
      if (expr.kind() == pg_query::AEXPR_NOT_BETWEEN || expr.kind() == pg_query::AEXPR_NOT_BETWEEN_SYM) {
        ctx.negated = !ctx.negated;
      }
      ColumnSide side = DescribeSide(expr.lexpr(), scope);
      if (!side.column) return;
      std::string constant;
      Operand operand = Operand::kOther;
      if (expr.rexpr().has_list() && expr.rexpr().list().items_size() == 2) {
        std::string low, high;
        Operand a = ClassifyOperand(expr.rexpr().list().items(0), &low);
        Operand b = ClassifyOperand(expr.rexpr().list().items(1), &high);
        if (a == b && (a == Operand::kConstant || a == Operand::kParameter)) operand = a;
        if (operand == Operand::kConstant) constant = low + " AND " + high;
      }
      bool symmetric = expr.kind() == pg_query::AEXPR_BETWEEN_SYM || expr.kind() == pg_query::AEXPR_NOT_BETWEEN_SYM;
      AddPredicate(side, symmetric ? "BETWEEN SYMMETRIC" : "BETWEEN", operand, constant, ctx);
      return;
    }
    default:
      return;
  }
}

// PostgreSQL factors the clauses every arm of an OR shares out of it — (A AND B) OR (A AND C) is planned as
// A AND (B OR C), and (A) OR (A AND B) as A (canonicalize_qual) — so such a clause filters or joins like one
// outside the OR: TPC-H Q19's p_partkey = l_partkey, repeated in each of its three arms, is its join.
void QueryWalker::ExtractFromOr(const pg_query::BoolExpr& or_expr, const Scope& scope,
                                const PredicateContext& context) {
  std::vector<std::vector<const pg_query::Node*>> arms;
  std::vector<std::vector<std::string>> texts;
  for (const auto& arg : or_expr.args()) {
    arms.push_back(Conjuncts(arg));
    texts.emplace_back();
    for (const auto* clause : arms.back()) texts.back().push_back(sql::DeparseExpr(*clause));
  }
  std::set<std::string> common;
  if (!arms.empty()) {
    for (const auto& text : texts.front()) {
      bool everywhere = !text.empty() && std::all_of(texts.begin() + 1, texts.end(), [&](const auto& other) {
        return std::find(other.begin(), other.end(), text) != other.end();
      });
      if (everywhere) common.insert(text);
    }
  }
  bool reduced = false;  // an arm that is nothing but shared clauses makes the rest of the OR redundant
  for (size_t a = 0; a < arms.size(); ++a) {
    bool all_common = true;
    for (size_t k = 0; k < arms[a].size(); ++k) {
      if (!common.count(texts[a][k])) all_common = false;
      else if (a == 0) ExtractPredicates(*arms[a][k], scope, context);
    }
    reduced = reduced || all_common;
  }
  if (reduced) return;
  PredicateContext in_or = context;
  in_or.in_or = true;
  for (size_t a = 0; a < arms.size(); ++a)
    for (size_t k = 0; k < arms[a].size(); ++k)
      if (!common.count(texts[a][k])) ExtractPredicates(*arms[a][k], scope, in_or);
}

void QueryWalker::ExtractPredicates(const pg_query::Node& expr, const Scope& scope,
                                    const PredicateContext& context) {
  switch (expr.node_case()) {
    case pg_query::Node::kBoolExpr: {
      PredicateContext ctx = context;
      if (expr.bool_expr().boolop() == pg_query::OR_EXPR && !context.negated) {
        ExtractFromOr(expr.bool_expr(), scope, context);
        return;
      }
      if (expr.bool_expr().boolop() == pg_query::OR_EXPR) ctx.in_or = true;
      if (expr.bool_expr().boolop() == pg_query::NOT_EXPR) ctx.negated = !ctx.negated;
      for (const auto& arg : expr.bool_expr().args()) ExtractPredicates(arg, scope, ctx);
      return;
    }
    case pg_query::Node::kAExpr:
      ExtractFromAExpr(expr.a_expr(), scope, context);
      return;
    case pg_query::Node::kNullTest: {
      ColumnSide side = DescribeSide(expr.null_test().arg(), scope);
      if (!side.column) return;
      bool is_null = expr.null_test().nulltesttype() == pg_query::IS_NULL;
      AddPredicate(side, is_null ? "IS NULL" : "IS NOT NULL", Operand::kNone, "", context);
      return;
    }
    case pg_query::Node::kBooleanTest: {
      ColumnSide side = DescribeSide(expr.boolean_test().arg(), scope);
      if (!side.column) return;
      std::string op;
      switch (expr.boolean_test().booltesttype()) {
        case pg_query::IS_TRUE: op = "IS TRUE"; break;
        case pg_query::IS_NOT_TRUE: op = "IS NOT TRUE"; break;
        case pg_query::IS_FALSE: op = "IS FALSE"; break;
        case pg_query::IS_NOT_FALSE: op = "IS NOT FALSE"; break;
        case pg_query::IS_UNKNOWN: op = "IS UNKNOWN"; break;
        case pg_query::IS_NOT_UNKNOWN: op = "IS NOT UNKNOWN"; break;
        default: return;
      }
      AddPredicate(side, op, Operand::kNone, "", context);
      return;
    }
    case pg_query::Node::kColumnRef: {
      // A boolean column used as a condition (`WHERE p.is_active`) means `= true`.
      ColumnSide side = DescribeSide(expr, scope);
      if (side.column) AddPredicate(side, "=", Operand::kConstant, "true", context);
      return;
    }
    case pg_query::Node::kSubLink: {
      const auto& link = expr.sub_link();
      if (!link.has_testexpr()) return;  // EXISTS: its WHERE is its own query level's
      std::string op = link.oper_name().empty() ? "=" : OperatorName(link.oper_name());
      if (link.sub_link_type() == pg_query::ANY_SUBLINK) op = op == "=" ? "IN" : op + " ANY";
      else if (link.sub_link_type() == pg_query::ALL_SUBLINK) op = op + " ALL";
      else return;
      // `(a, b) IN (SELECT …)` compares each column.
      std::vector<const pg_query::Node*> sides;
      if (link.testexpr().has_row_expr()) {
        for (const auto& arg : link.testexpr().row_expr().args()) sides.push_back(&arg);
      } else {
        sides.push_back(&link.testexpr());
      }
      for (const auto* node : sides) {
        ColumnSide side = DescribeSide(*node, scope);
        if (side.column) AddPredicate(side, op, Operand::kSubquery, "", context);
      }
      return;
    }
    default:
      return;
  }
}

}  // namespace dbarch::sources::workload
