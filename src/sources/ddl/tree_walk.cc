// Generic walks over libpg_query's parse tree (via protobuf reflection, so every node kind is covered
// without listing them), and the expression helpers built on them.
#include <algorithm>

#include "sql/ast.h"
#include "sources/ddl/replay_internal.h"
#include "sql/message_type.h"

namespace dbarch::sources::ddl {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

void VisitMessages(const Message& message, const std::function<void(const Message&)>& visit) {
  // The same pre-order walk as sql::VisitTree, which caches each message type's fields instead of listing the
  // set fields by reflection at every node.
  sql::VisitTree(message, visit);
}

void VisitMutableMessages(Message* message, const std::function<void(Message*)>& visit) {
  visit(message);
  const auto* reflection = message->GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(*message, &fields);
  for (const auto* field : fields) {
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated()) {
      int n = reflection->FieldSize(*message, field);
      for (int i = 0; i < n; ++i) VisitMutableMessages(reflection->MutableRepeatedMessage(message, field, i), visit);
    } else {
      VisitMutableMessages(reflection->MutableMessage(message, field), visit);
    }
  }
}

std::vector<std::string> ColumnsReferenced(const pg_query::Node& expr) {
  std::vector<std::string> out;
  VisitMessages(expr, [&](const Message& m) {
    if (!sql::Is<pg_query::ColumnRef>(m)) return;
    std::string name = sql::ColumnRefName(static_cast<const pg_query::ColumnRef&>(m));
    if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  });
  return out;
}

namespace {
// The expression of `SELECT <expr_sql>`, parsed; nullopt when it does not parse.
std::optional<pg_query::Node> ParseExpr(const std::string& expr_sql) {
  auto parsed = sql::ParseOne("SELECT " + expr_sql);
  if (!parsed.ok() || !parsed->has_select_stmt() || parsed->select_stmt().target_list_size() != 1) return std::nullopt;
  return parsed->select_stmt().target_list(0).res_target().val();
}
}  // namespace

std::vector<std::string> ColumnsReferencedInSql(const std::string& expr_sql) {
  auto expr = ParseExpr(expr_sql);
  return expr ? ColumnsReferenced(*expr) : std::vector<std::string>{};
}

std::string RenameColumnInSql(const std::string& expr_sql, const std::string& from, const std::string& to) {
  auto expr = ParseExpr(expr_sql);
  if (!expr) return expr_sql;
  bool changed = false;
  VisitMutableMessages(&*expr, [&](Message* m) {
    if (!sql::Is<pg_query::ColumnRef>(*m)) return;
    auto* ref = static_cast<pg_query::ColumnRef*>(m);
    if (ref->fields_size() == 0) return;
    auto* last = ref->mutable_fields(ref->fields_size() - 1);
    if (last->has_string() && last->string().sval() == from) {
      last->mutable_string()->set_sval(to);
      changed = true;
    }
  });
  return changed ? sql::DeparseExpr(*expr) : expr_sql;
}

std::string DeparseTypeName(const pg_query::TypeName& type) { return sql::TypeOf(type).ToSql(); }

model::TypeName ResolveType(const ReplayContext& ctx, const pg_query::TypeName& type) {
  model::TypeName out = sql::TypeOf(type);
  auto parts = sql::StringList(type.names());
  const auto& catalog = *ctx.catalog;
  auto is_user = [&](const model::QualifiedName& n) { return catalog.enums.count(n) || catalog.domains.count(n); };
  if (parts.size() == 1) {
    model::QualifiedName here{*ctx.current_schema, parts[0]};
    model::QualifiedName in_public{"public", parts[0]};
    if (is_user(here)) {
      out.name = here.ToString();
      out.is_user_type = true;
    } else if (is_user(in_public)) {
      out.name = in_public.ToString();
      out.is_user_type = true;
    }
  } else if (parts.size() >= 2) {
    model::QualifiedName qualified{parts[parts.size() - 2], parts.back()};
    if (is_user(qualified)) {
      out.name = qualified.ToString();
      out.is_user_type = true;
    }
  }
  return out;
}

}  // namespace dbarch::sources::ddl
