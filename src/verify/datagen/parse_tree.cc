#include "verify/datagen/parse_tree.h"

#include "sql/ast.h"

namespace dbarch::verify::datagen {

using pg_query::Node;

namespace {
std::string OperatorName(const pg_query::A_Expr& expr) {
  return expr.name_size() > 0 ? sql::StringValue(expr.name(expr.name_size() - 1)) : "";
}
}  // namespace

std::optional<std::string> ReadColumn(const Node& node) {
  if (node.has_column_ref()) {
    std::string name = sql::ColumnRefName(node.column_ref());
    if (name.empty()) return std::nullopt;
    return name;
  }
  if (node.has_type_cast()) return ReadColumn(node.type_cast().arg());
  if (node.has_collate_clause()) return ReadColumn(node.collate_clause().arg());
  return std::nullopt;
}

std::optional<Literal> ReadLiteral(const Node& node) {
  if (node.has_a_const()) {
    const auto& c = node.a_const();
    if (c.isnull()) return std::nullopt;
    Literal out;
    if (c.has_ival()) {
      out.text = std::to_string(c.ival().ival());
      out.is_number = true;
    } else if (c.has_fval()) {
      out.text = c.fval().fval();
      out.is_number = true;
    } else if (c.has_sval()) {
      out.text = c.sval().sval();
      out.is_string = true;
    } else if (c.has_boolval()) {
      out.text = c.boolval().boolval() ? "true" : "false";
    } else {
      return std::nullopt;
    }
    return out;
  }
  if (node.has_type_cast()) {
    auto inner = ReadLiteral(node.type_cast().arg());
    if (!inner) return std::nullopt;
    inner->cast_type = sql::TypeOf(node.type_cast().type_name()).name;
    return inner;
  }
  if (node.has_a_expr() && node.a_expr().kind() == pg_query::AEXPR_OP && !node.a_expr().has_lexpr() &&
      OperatorName(node.a_expr()) == "-") {
    auto inner = ReadLiteral(node.a_expr().rexpr());
    if (!inner || !inner->is_number) return std::nullopt;
    inner->text = inner->text.rfind('-', 0) == 0 ? inner->text.substr(1) : "-" + inner->text;
    return inner;
  }
  return std::nullopt;
}

std::optional<std::vector<Literal>> ReadLiteralList(const Node& node) {
  const sql::NodeList* items = nullptr;
  if (node.has_list()) items = &node.list().items();
  else if (node.has_a_array_expr()) items = &node.a_array_expr().elements();
  else if (node.has_type_cast()) return ReadLiteralList(node.type_cast().arg());
  if (items == nullptr) return std::nullopt;
  std::vector<Literal> out;
  for (const auto& item : *items) {
    auto literal = ReadLiteral(item);
    if (!literal) return std::nullopt;
    out.push_back(std::move(*literal));
  }
  return out;
}

}  // namespace dbarch::verify::datagen
