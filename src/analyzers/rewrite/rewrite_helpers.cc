#include <algorithm>
#include <set>

#include "analyzers/rewrite/rewrite_internal.h"
#include "sql/ast.h"
#include "sql/message_type.h"

namespace dbarch::analyzers::rewrite {

void VisitMutable(google::protobuf::Message* root, const std::function<void(google::protobuf::Message*)>& visit) {
  visit(root);
  const auto* descriptor = root->GetDescriptor();
  const auto* reflection = root->GetReflection();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const auto* field = descriptor->field(i);
    if (field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated()) {
      for (int j = 0; j < reflection->FieldSize(*root, field); ++j) {
        VisitMutable(reflection->MutableRepeatedMessage(root, field, j), visit);
      }
    } else if (reflection->HasField(*root, field)) {
      VisitMutable(reflection->MutableMessage(root, field), visit);
    }
  }
}

const pg_query::RangeVar* SingleTable(const pg_query::SelectStmt& select) {
  if (select.from_clause_size() != 1 || !select.from_clause(0).has_range_var()) return nullptr;
  return &select.from_clause(0).range_var();
}

std::string ReferenceName(const pg_query::RangeVar& table) {
  return table.has_alias() && !table.alias().aliasname().empty() ? table.alias().aliasname() : table.relname();
}

const model::Table* CatalogTable(const model::Catalog& catalog, const pg_query::RangeVar& table) {
  return catalog.FindTable(sql::NameOf(table));
}

std::string ColumnName(const pg_query::ColumnRef& ref) {
  if (ref.fields_size() == 0 || !ref.fields(ref.fields_size() - 1).has_string()) return "";
  return ref.fields(ref.fields_size() - 1).string().sval();
}

bool Qualify(pg_query::Node* column, const std::string& table_reference) {
  if (!column->has_column_ref()) return false;
  auto* ref = column->mutable_column_ref();
  if (ColumnName(*ref).empty()) return false;
  if (ref->fields_size() >= 2) return true;
  pg_query::Node qualifier;
  qualifier.mutable_string()->set_sval(table_reference);
  ref->mutable_fields()->Add(std::move(qualifier));
  // The qualifier goes first.
  for (int i = ref->fields_size() - 1; i > 0; --i) ref->mutable_fields()->SwapElements(i, i - 1);
  return true;
}

bool HasAggregateOrWindow(const pg_query::SelectStmt& select) {
  static const std::set<std::string> kAggregates = {"count", "sum", "avg", "min", "max", "array_agg", "string_agg",
                                                    "bool_and", "bool_or", "json_agg", "jsonb_agg", "every"};
  bool found = false;
  for (const auto& target : select.target_list()) {
    sql::VisitTree(target, [&](const google::protobuf::Message& m) {
      if (!sql::Is<pg_query::FuncCall>(m)) return;
      const auto& call = static_cast<const pg_query::FuncCall&>(m);
      if (call.has_over() || call.agg_star()) found = true;
      if (call.funcname_size() > 0 && kAggregates.count(sql::StringValue(call.funcname(call.funcname_size() - 1)))) found = true;
    });
  }
  return found;
}

int HighestParameter(const google::protobuf::Message& root) {
  int highest = 0;
  sql::VisitTree(root, [&](const google::protobuf::Message& m) {
    if (sql::Is<pg_query::ParamRef>(m)) {
      highest = std::max(highest, static_cast<const pg_query::ParamRef&>(m).number());
    }
  });
  return highest;
}

std::vector<pg_query::Node> Conjuncts(const pg_query::Node& where) {
  if (where.has_bool_expr() && where.bool_expr().boolop() == pg_query::AND_EXPR) {
    return {where.bool_expr().args().begin(), where.bool_expr().args().end()};
  }
  return {where};
}

bool IsNotNull(const model::Table& table, const std::string& column) {
  const model::Column* c = table.FindColumn(column);
  if (c == nullptr) return false;
  if (c->not_null) return true;
  const model::Constraint* pk = table.PrimaryKey();
  return pk != nullptr && std::find(pk->columns.begin(), pk->columns.end(), column) != pk->columns.end();
}

bool HasKeyWithin(const model::Table& table, const std::vector<const model::Index*>& indexes,
                  const std::vector<std::string>& columns, bool all_not_null) {
  auto within = [&](const std::vector<std::string>& key) {
    if (key.empty()) return false;
    for (const auto& k : key) {
      if (std::find(columns.begin(), columns.end(), k) == columns.end()) return false;
      if (all_not_null && !IsNotNull(table, k)) return false;
    }
    return true;
  };
  for (const auto& c : table.constraints) {
    if ((c.kind == model::ConstraintKind::kPrimaryKey || c.kind == model::ConstraintKind::kUnique) && within(c.columns)) {
      return true;
    }
  }
  for (const model::Index* index : indexes) {
    if (!index->unique || !index->predicate.empty() || !index->valid) continue;
    std::vector<std::string> key;
    for (const auto& k : index->keys) {
      if (!k.column.empty()) key.push_back(k.column);
    }
    // An expression key makes it no key of the plain columns.
    if (key.size() == index->keys.size() && within(key)) return true;
  }
  return false;
}

pg_query::Node MakeOperator(const std::string& op, const pg_query::Node& left, const pg_query::Node& right) {
  pg_query::Node node;
  auto* expr = node.mutable_a_expr();
  expr->set_kind(pg_query::AEXPR_OP);
  expr->add_name()->mutable_string()->set_sval(op);
  *expr->mutable_lexpr() = left;
  *expr->mutable_rexpr() = right;
  expr->set_location(-1);
  return node;
}

pg_query::Node MakeOr(std::vector<pg_query::Node> parts) {
  if (parts.size() == 1) return std::move(parts.front());
  pg_query::Node node;
  auto* expr = node.mutable_bool_expr();
  expr->set_boolop(pg_query::OR_EXPR);
  for (auto& p : parts) *expr->add_args() = std::move(p);
  expr->set_location(-1);
  return node;
}

pg_query::Node MakeParameter(int number) {
  pg_query::Node node;
  node.mutable_param_ref()->set_number(number);
  node.mutable_param_ref()->set_location(-1);
  return node;
}

pg_query::Node MakeColumn(const std::string& table, const std::string& column) {
  pg_query::Node node;
  auto* ref = node.mutable_column_ref();
  if (!table.empty()) ref->add_fields()->mutable_string()->set_sval(table);
  ref->add_fields()->mutable_string()->set_sval(column);
  ref->set_location(-1);
  return node;
}

pg_query::Node MakeEquality(const pg_query::Node& left, const pg_query::Node& right) {
  return MakeOperator("=", left, right);
}

pg_query::Node MakeAnd(pg_query::Node left, pg_query::Node right) {
  pg_query::Node node;
  auto* expr = node.mutable_bool_expr();
  expr->set_boolop(pg_query::AND_EXPR);
  for (pg_query::Node* part : {&left, &right}) {
    if (part->has_bool_expr() && part->bool_expr().boolop() == pg_query::AND_EXPR) {
      for (const auto& arg : part->bool_expr().args()) *expr->add_args() = arg;
    } else {
      *expr->add_args() = std::move(*part);
    }
  }
  expr->set_location(-1);
  return node;
}

pg_query::Node MakeIntegerConstant(int value) {
  pg_query::Node node;
  node.mutable_a_const()->mutable_ival()->set_ival(value);
  node.mutable_a_const()->set_location(-1);
  return node;
}

void SetTargetToOne(pg_query::SelectStmt* select) {
  select->clear_target_list();
  auto* target = select->add_target_list()->mutable_res_target();
  *target->mutable_val() = MakeIntegerConstant(1);
  target->set_location(-1);
}

}  // namespace dbarch::analyzers::rewrite
