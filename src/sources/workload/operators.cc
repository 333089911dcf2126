#include "sources/workload/operators.h"

#include <set>

#include "sql/parser.h"

namespace dbarch::sources::workload {

using Operand = model::Predicate::Operand;

std::string OperatorName(const sql::NodeList& name) {
  if (name.empty()) return "";
  return sql::StringValue(name.Get(name.size() - 1));
}

std::string CanonicalOperator(const std::string& op, bool* negated) {
  if (op == "~~") return "LIKE";
  if (op == "~~*") return "ILIKE";
  if (op == "!~~") { *negated = !*negated; return "LIKE"; }
  if (op == "!~~*") { *negated = !*negated; return "ILIKE"; }
  if (op == "!=") return "<>";
  return op;
}

std::string CommutedOperator(const std::string& op) {
  if (op == "<") return ">";
  if (op == ">") return "<";
  if (op == "<=") return ">=";
  if (op == ">=") return "<=";
  if (op == "@>") return "<@";
  if (op == "<@") return "@>";
  static const std::set<std::string> kSymmetric = {"=", "<>", "&&", "-|-", "@@", "IS DISTINCT FROM",
                                                   "IS NOT DISTINCT FROM"};
  return kSymmetric.count(op) ? op : "";
}

bool IsComparisonOperator(const std::string& op) {
  static const std::set<std::string> kComparisons = {
      "=", "<>", "<", "<=", ">", ">=", "LIKE", "ILIKE", "~", "~*", "!~", "!~*", "@>", "<@", "?", "?|", "?&",
      "&&", "-|-", "@@", "@?", "<<", ">>", "&<", "&>", "^@", "IS DISTINCT FROM", "IS NOT DISTINCT FROM"};
  return kComparisons.count(op) > 0;
}

namespace {

// Classifies every element; the list is constant (or parameter) only when all of them are.
Operand ClassifyList(const sql::NodeList& items, std::string* constant) {
  if (items.empty()) return Operand::kOther;
  bool all_constant = true, all_parameter = true;
  std::string text;
  for (const auto& item : items) {
    std::string element;
    Operand kind = ClassifyOperand(item, &element);
    all_constant = all_constant && kind == Operand::kConstant;
    all_parameter = all_parameter && kind == Operand::kParameter;
    if (!text.empty()) text += ", ";
    text += element;
  }
  if (all_constant) {
    *constant = "(" + text + ")";
    return Operand::kConstant;
  }
  return all_parameter ? Operand::kParameter : Operand::kOther;
}

}  // namespace

Operand ClassifyOperand(const pg_query::Node& node, std::string* constant) {
  switch (node.node_case()) {
    case pg_query::Node::kParamRef:
      *constant = "$" + std::to_string(node.param_ref().number());  // read back as Predicate::parameter
      return Operand::kParameter;
    case pg_query::Node::kAConst:
      *constant = sql::ConstantSql(node);
      return Operand::kConstant;
    case pg_query::Node::kTypeCast: {
      std::string inner;
      Operand kind = ClassifyOperand(node.type_cast().arg(), &inner);
      if (kind == Operand::kConstant) *constant = sql::DeparseExpr(node);  // keep the cast: '{…}'::jsonb
      if (kind == Operand::kParameter) *constant = inner;
      return kind;
    }
    case pg_query::Node::kColumnRef:
      return Operand::kColumn;
    case pg_query::Node::kSubLink:
      return Operand::kSubquery;
    case pg_query::Node::kList:
      return ClassifyList(node.list().items(), constant);
    case pg_query::Node::kAArrayExpr: {
      Operand kind = ClassifyList(node.a_array_expr().elements(), constant);
      if (kind == Operand::kConstant) *constant = sql::DeparseExpr(node);
      return kind;
    }
    case pg_query::Node::kAExpr: {
      // A negative number is unary minus applied to a constant.
      const auto& e = node.a_expr();
      if (e.kind() == pg_query::AEXPR_OP && !e.has_lexpr() && OperatorName(e.name()) == "-" &&
          e.rexpr().has_a_const()) {
        *constant = sql::DeparseExpr(node);
        return Operand::kConstant;
      }
      return Operand::kOther;
    }
    default:
      return Operand::kOther;
  }
}

}  // namespace dbarch::sources::workload
