#include "verify/datagen/check_constraints.h"

#include <algorithm>
#include <set>

#include "sql/ast.h"
#include "sql/parser.h"
#include "verify/datagen/parse_tree.h"

namespace dbarch::verify::datagen {
namespace {

using pg_query::Node;

std::optional<CompareOp> CompareOpNamed(const std::string& name) {
  if (name == "<") return CompareOp::kLt;
  if (name == "<=") return CompareOp::kLe;
  if (name == ">") return CompareOp::kGt;
  if (name == ">=") return CompareOp::kGe;
  if (name == "=") return CompareOp::kEq;
  if (name == "<>" || name == "!=") return CompareOp::kNe;
  return std::nullopt;
}

std::string OperatorName(const pg_query::A_Expr& expr) {
  return expr.name_size() > 0 ? sql::StringValue(expr.name(expr.name_size() - 1)) : "";
}

std::string FunctionName(const pg_query::FuncCall& call) {
  return call.funcname_size() > 0 ? sql::StringValue(call.funcname(call.funcname_size() - 1)) : "";
}

// length(col), char_length(col), octet_length(col), possibly of trim(col): the column measured.
std::optional<std::string> LengthArgument(const Node& node) {
  if (!node.has_func_call()) return std::nullopt;
  const auto& call = node.func_call();
  static const std::set<std::string> kLength = {"length", "char_length", "character_length", "octet_length"};
  if (!kLength.count(FunctionName(call)) || call.args_size() != 1) return std::nullopt;
  const Node& arg = call.args(0);
  if (auto column = ReadColumn(arg)) return column;
  // Generated text never has surrounding blanks, so the trimmed length is the length.
  if (arg.has_func_call()) {
    static const std::set<std::string> kTrim = {"btrim", "trim", "ltrim", "rtrim"};
    const auto& inner = arg.func_call();
    if (kTrim.count(FunctionName(inner)) && inner.args_size() == 1) return ReadColumn(inner.args(0));
  }
  return std::nullopt;
}

// num_nonnulls(…) / num_nulls(…): the columns counted and whether nulls (true) or non-nulls are counted.
std::optional<std::pair<std::vector<std::string>, bool>> NullCountArguments(const Node& node) {
  if (!node.has_func_call()) return std::nullopt;
  const auto& call = node.func_call();
  const std::string name = FunctionName(call);
  if (name != "num_nonnulls" && name != "num_nulls") return std::nullopt;
  std::vector<std::string> columns;
  for (const auto& arg : call.args()) {
    auto column = ReadColumn(arg);
    if (!column) return std::nullopt;
    columns.push_back(*column);
  }
  return std::make_pair(columns, name == "num_nulls");
}

class Interpreter {
 public:
  explicit Interpreter(CheckInterpretation* out) : out_(out) {}

  void Interpret(const Node& node) {
    if (!TryInterpret(node)) out_->not_understood.push_back(sql::DeparseExpr(node));
  }

 private:
  bool TryInterpret(const Node& node) {
    if (node.has_bool_expr()) return BoolExpr(node.bool_expr());
    if (node.has_null_test()) {
      const auto& test = node.null_test();
      auto column = ReadColumn(test.arg());
      if (!column || test.nulltesttype() != pg_query::IS_NOT_NULL) return false;
      ColumnRule rule;
      rule.kind = ColumnRule::Kind::kNotNull;
      rule.column = *column;
      out_->rules.push_back(std::move(rule));
      return true;
    }
    if (node.has_a_expr()) return AExpr(node.a_expr());
    return false;
  }

  bool BoolExpr(const pg_query::BoolExpr& expr) {
    switch (expr.boolop()) {
      case pg_query::AND_EXPR:
        for (const auto& arg : expr.args()) Interpret(arg);
        return true;
      case pg_query::OR_EXPR:
        return Or(expr);
      case pg_query::NOT_EXPR:
        if (expr.args_size() == 1 && expr.args(0).has_null_test() &&
            expr.args(0).null_test().nulltesttype() == pg_query::IS_NULL) {
          auto column = ReadColumn(expr.args(0).null_test().arg());
          if (!column) return false;
          ColumnRule rule;
          rule.kind = ColumnRule::Kind::kNotNull;
          rule.column = *column;
          out_->rules.push_back(std::move(rule));
          return true;
        }
        return false;
      default:
        return false;
    }
  }

  // Two simple shapes: "col = a OR col = b OR col IN (…)" (an IN list), and "col IS NULL OR <rules on col>"
  // (NULL passes a CHECK anyway, so only the rules on non-NULL values remain).
  bool Or(const pg_query::BoolExpr& expr) {
    std::optional<std::string> column;
    bool saw_is_null = false;
    std::vector<CheckInterpretation> branches;
    for (const auto& arg : expr.args()) {
      if (arg.has_null_test() && arg.null_test().nulltesttype() == pg_query::IS_NULL) {
        auto c = ReadColumn(arg.null_test().arg());
        if (!c || (column && *column != *c)) return false;
        column = c;
        saw_is_null = true;
        continue;
      }
      CheckInterpretation branch;
      Interpreter(&branch).Interpret(arg);
      if (!branch.fully_understood() || !branch.pairs.empty() || !branch.non_null_counts.empty()) return false;
      for (const auto& rule : branch.rules) {
        if (column && *column != rule.column) return false;
        column = rule.column;
      }
      branches.push_back(std::move(branch));
    }
    if (!column) return false;
    if (saw_is_null && branches.size() == 1) {
      for (auto& rule : branches[0].rules) {
        if (rule.kind != ColumnRule::Kind::kNotNull) out_->rules.push_back(std::move(rule));
      }
      return true;
    }
    // Every branch must be one equality or IN list: their union is an IN list.
    ColumnRule in;
    in.kind = ColumnRule::Kind::kIn;
    in.column = *column;
    for (const auto& branch : branches) {
      if (branch.rules.size() != 1) return false;
      const ColumnRule& rule = branch.rules[0];
      if (rule.kind == ColumnRule::Kind::kIn) {
        in.values.insert(in.values.end(), rule.values.begin(), rule.values.end());
      } else if (rule.kind == ColumnRule::Kind::kCompare && rule.op == CompareOp::kEq) {
        in.values.push_back(rule.value);
      } else {
        return false;
      }
    }
    // "col IS NULL OR col IN (…)" is the IN list for the non-NULL values.
    out_->rules.push_back(std::move(in));
    return true;
  }

  bool AExpr(const pg_query::A_Expr& expr) {
    const std::string op_name = OperatorName(expr);
    switch (expr.kind()) {
      case pg_query::AEXPR_OP: {
        auto op = CompareOpNamed(op_name);
        if (!op || !expr.has_lexpr()) return false;
        return Comparison(expr.lexpr(), *op, expr.rexpr());
      }
      case pg_query::AEXPR_BETWEEN: {
        if (auto measured = LengthArgument(expr.lexpr())) {
          const auto& bounds = expr.rexpr();
          if (!bounds.has_list() || bounds.list().items_size() != 2) return false;
          return Length(*measured, CompareOp::kGe, bounds.list().items(0)) &&
                 Length(*measured, CompareOp::kLe, bounds.list().items(1));
        }
        auto column = ReadColumn(expr.lexpr());
        auto bounds = ReadLiteralList(expr.rexpr());
        if (!column || !bounds || bounds->size() != 2) return false;
        AddCompare(*column, CompareOp::kGe, (*bounds)[0]);
        AddCompare(*column, CompareOp::kLe, (*bounds)[1]);
        return true;
      }
      case pg_query::AEXPR_IN:
      case pg_query::AEXPR_OP_ANY:
      case pg_query::AEXPR_OP_ALL: {
        auto column = ReadColumn(expr.lexpr());
        auto values = ReadLiteralList(expr.rexpr());
        if (!column || !values) return false;
        ColumnRule rule;
        rule.column = *column;
        rule.values = std::move(*values);
        const bool any = expr.kind() != pg_query::AEXPR_OP_ALL;
        if (op_name == "=" && any) rule.kind = ColumnRule::Kind::kIn;
        else if (op_name == "<>" && !any) rule.kind = ColumnRule::Kind::kNotIn;
        else if (op_name == "<>" && expr.kind() == pg_query::AEXPR_IN) rule.kind = ColumnRule::Kind::kNotIn;
        else return false;
        out_->rules.push_back(std::move(rule));
        return true;
      }
      default:
        return false;
    }
  }

  bool Comparison(const Node& left, CompareOp op, const Node& right) {
    auto left_column = ReadColumn(left);
    auto right_column = ReadColumn(right);
    if (left_column && right_column) {
      out_->pairs.push_back({*left_column, op, *right_column});
      return true;
    }
    if (left_column) {
      if (auto literal = ReadLiteral(right)) {
        AddCompare(*left_column, op, *literal);
        return true;
      }
    }
    if (right_column) {
      if (auto literal = ReadLiteral(left)) {
        AddCompare(*right_column, FlipCompare(op), *literal);
        return true;
      }
    }
    if (auto measured = LengthArgument(left)) return Length(*measured, op, right);
    if (auto measured = LengthArgument(right)) return Length(*measured, FlipCompare(op), left);
    if (auto counted = NullCountArguments(left)) return NullCount(*counted, op, right);
    if (auto counted = NullCountArguments(right)) return NullCount(*counted, FlipCompare(op), left);
    return false;
  }

  bool Length(const std::string& column, CompareOp op, const Node& bound) {
    auto n = sql::IntegerValue(bound);
    if (!n || op == CompareOp::kNe) return false;
    ColumnRule rule;
    rule.kind = ColumnRule::Kind::kLength;
    rule.column = column;
    rule.op = op;
    rule.length = *n;
    out_->rules.push_back(std::move(rule));
    return true;
  }

  bool NullCount(const std::pair<std::vector<std::string>, bool>& counted, CompareOp op, const Node& bound) {
    auto n = sql::IntegerValue(bound);
    if (!n || op == CompareOp::kNe) return false;
    const int columns = static_cast<int>(counted.first.size());
    int value = static_cast<int>(*n);
    // num_nulls(...) <op> n  ⇔  num_nonnulls(...) <flipped op> columns - n
    if (counted.second) {
      value = columns - value;
      op = FlipCompare(op);
    }
    NonNullCount count{counted.first, 0, columns};
    switch (op) {
      case CompareOp::kLt: count.max = value - 1; break;
      case CompareOp::kLe: count.max = value; break;
      case CompareOp::kGt: count.min = value + 1; break;
      case CompareOp::kGe: count.min = value; break;
      case CompareOp::kEq: count.min = count.max = value; break;
      case CompareOp::kNe: return false;
    }
    if (count.min < 0) count.min = 0;
    if (count.max > columns) count.max = columns;
    if (count.min > count.max) return false;
    out_->non_null_counts.push_back(std::move(count));
    return true;
  }

  void AddCompare(const std::string& column, CompareOp op, Literal value) {
    ColumnRule rule;
    rule.kind = ColumnRule::Kind::kCompare;
    rule.column = column;
    rule.op = op;
    rule.value = std::move(value);
    out_->rules.push_back(std::move(rule));
  }

  CheckInterpretation* out_;
};

// Renames every ColumnRef "value" in a parse tree, walking it generically through protobuf reflection.
void RenameValue(google::protobuf::Message* message, const std::string& column) {
  if (auto* ref = dynamic_cast<pg_query::ColumnRef*>(message)) {
    if (ref->fields_size() == 1 && ref->fields(0).has_string() && ref->fields(0).string().sval() == "value") {
      ref->mutable_fields(0)->mutable_string()->set_sval(column);
    }
    return;
  }
  const auto* reflection = message->GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(*message, &fields);
  for (const auto* field : fields) {
    if (field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(*message, field); ++i) {
        RenameValue(reflection->MutableRepeatedMessage(message, field, i), column);
      }
    } else {
      RenameValue(reflection->MutableMessage(message, field), column);
    }
  }
}

void CollectColumns(const google::protobuf::Message& message, std::vector<std::string>* columns) {
  if (const auto* ref = dynamic_cast<const pg_query::ColumnRef*>(&message)) {
    const std::string name = sql::ColumnRefName(*ref);
    if (!name.empty() && std::find(columns->begin(), columns->end(), name) == columns->end()) columns->push_back(name);
    return;
  }
  const auto* reflection = message.GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const auto* field : fields) {
    if (field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
        CollectColumns(reflection->GetRepeatedMessage(message, field, i), columns);
      }
    } else {
      CollectColumns(reflection->GetMessage(message, field), columns);
    }
  }
}

}  // namespace

Result<std::string> DomainCheckForColumn(const std::string& expression, const std::string& column) {
  auto parsed = sql::ParseOne("SELECT " + expression);
  if (!parsed.ok()) return parsed.status();
  Node statement = std::move(parsed).value();
  if (!statement.has_select_stmt() || statement.select_stmt().target_list_size() != 1) {
    return Status::InvalidInput("not a CHECK expression: " + expression);
  }
  auto* target = statement.mutable_select_stmt()->mutable_target_list(0)->mutable_res_target();
  RenameValue(target->mutable_val(), column);
  return sql::DeparseExpr(target->val());
}

CompareOp FlipCompare(CompareOp op) {
  switch (op) {
    case CompareOp::kLt: return CompareOp::kGt;
    case CompareOp::kLe: return CompareOp::kGe;
    case CompareOp::kGt: return CompareOp::kLt;
    case CompareOp::kGe: return CompareOp::kLe;
    default: return op;
  }
}

const char* CompareOpSql(CompareOp op) {
  switch (op) {
    case CompareOp::kLt: return "<";
    case CompareOp::kLe: return "<=";
    case CompareOp::kGt: return ">";
    case CompareOp::kGe: return ">=";
    case CompareOp::kEq: return "=";
    case CompareOp::kNe: return "<>";
  }
  return "?";
}

Result<CheckInterpretation> InterpretCheck(const std::string& expression) {
  auto parsed = sql::ParseOne("SELECT " + expression);
  if (!parsed.ok()) return parsed.status();
  const Node& statement = parsed.value();
  if (!statement.has_select_stmt() || statement.select_stmt().target_list_size() != 1 ||
      !statement.select_stmt().target_list(0).has_res_target()) {
    return Status::InvalidInput("not a CHECK expression: " + expression);
  }
  CheckInterpretation out;
  const Node& expression_node = statement.select_stmt().target_list(0).res_target().val();
  Interpreter(&out).Interpret(expression_node);
  CollectColumns(expression_node, &out.columns);
  return out;
}

}  // namespace dbarch::verify::datagen
