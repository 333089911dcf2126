#include "sql/ast.h"

#include <algorithm>
#include <map>
#include <typeinfo>
#include <unordered_map>

#include "sql/message_children.h"
#include "sql/parser.h"

namespace dbarch::sql {

std::string StringValue(const pg_query::Node& node) {
  return node.has_string() ? node.string().sval() : std::string();
}

std::vector<std::string> StringList(const NodeList& nodes) {
  std::vector<std::string> out;
  out.reserve(nodes.size());
  for (const auto& n : nodes) out.push_back(StringValue(n));
  return out;
}

std::string JoinNames(const NodeList& nodes, std::string_view sep) {
  std::string out;
  for (const auto& n : nodes) {
    if (!out.empty()) out += sep;
    out += StringValue(n);
  }
  return out;
}

model::QualifiedName NameOf(const pg_query::RangeVar& rv, const std::string& default_schema) {
  return {rv.schemaname().empty() ? default_schema : rv.schemaname(), rv.relname()};
}

model::QualifiedName NameOf(const NodeList& names, const std::string& default_schema) {
  auto parts = StringList(names);
  if (parts.empty()) return {default_schema, ""};
  if (parts.size() == 1) return {default_schema, parts[0]};
  return {parts[parts.size() - 2], parts.back()};
}

std::string CanonicalTypeName(const std::string& name) {
  static const std::map<std::string, std::string> kAliases = {
      {"int2", "smallint"}, {"int4", "integer"}, {"int", "integer"}, {"int8", "bigint"},
      {"float4", "real"}, {"float8", "double precision"}, {"bool", "boolean"},
      {"varchar", "character varying"}, {"bpchar", "character"}, {"char", "character"},
      {"timestamp", "timestamp without time zone"}, {"timestamptz", "timestamp with time zone"},
      {"time", "time without time zone"}, {"timetz", "time with time zone"},
      {"varbit", "bit varying"}, {"decimal", "numeric"},
  };
  auto it = kAliases.find(name);
  return it == kAliases.end() ? name : it->second;
}

std::optional<std::string> SerialBaseType(const pg_query::TypeName& type) {
  if (type.names_size() != 1) return std::nullopt;
  std::string n = StringValue(type.names(0));
  if (n == "serial" || n == "serial4") return "integer";
  if (n == "bigserial" || n == "serial8") return "bigint";
  if (n == "smallserial" || n == "serial2") return "smallint";
  return std::nullopt;
}

model::TypeName TypeOf(const pg_query::TypeName& type) {
  model::TypeName out;
  auto parts = StringList(type.names());
  if (auto serial = SerialBaseType(type)) {
    out.name = *serial;
  } else if (parts.size() == 2 && parts[0] == "pg_catalog") {
    out.name = CanonicalTypeName(parts[1]);
  } else if (parts.size() == 1) {
    // Unqualified names are user-written: apply the SQL-standard aliases too (e.g. "int8").
    out.name = CanonicalTypeName(parts[0]);
  } else {
    out.name = JoinNames(type.names());
  }
  for (const auto& mod : type.typmods()) {
    if (auto v = IntegerValue(mod)) out.modifiers.push_back(std::to_string(*v));
    else if (mod.has_column_ref()) out.modifiers.push_back(ColumnRefName(mod.column_ref()));
    else out.modifiers.push_back(ConstantSql(mod));
  }
  // "interval" keeps its field mask as a typmod; it is not a user-visible modifier.
  if (out.name == "interval") out.modifiers.clear();
  // format_type() prints the default precision for "timestamp"/"time" without a modifier; keep it empty.
  if (out.name == "timestamp without time zone" || out.name == "timestamp with time zone" ||
      out.name == "time without time zone" || out.name == "time with time zone") {
    // nothing: precision stays as written
  }
  out.array_dims = type.array_bounds_size();
  return out;
}

std::optional<long long> IntegerValue(const pg_query::Node& node) {
  if (node.has_a_const()) {
    const auto& c = node.a_const();
    if (c.has_ival()) return c.ival().ival();
    if (c.has_fval()) {
      try {
        return std::stoll(c.fval().fval());
      } catch (...) {
        return std::nullopt;
      }
    }
  }
  if (node.has_a_expr() && node.a_expr().kind() == pg_query::AEXPR_OP && !node.a_expr().has_lexpr() &&
      node.a_expr().name_size() == 1 && StringValue(node.a_expr().name(0)) == "-") {
    if (auto v = IntegerValue(node.a_expr().rexpr())) return -*v;
  }
  if (node.has_type_cast()) return IntegerValue(node.type_cast().arg());
  return std::nullopt;
}

std::string ConstantSql(const pg_query::Node& node) {
  if (!node.has_a_const()) return "";
  return DeparseExpr(node);
}

std::string ColumnRefName(const pg_query::ColumnRef& ref) {
  if (ref.fields_size() == 0) return "";
  const auto& last = ref.fields(ref.fields_size() - 1);
  return last.has_string() ? last.string().sval() : "";
}

std::string ColumnRefQualifier(const pg_query::ColumnRef& ref) {
  if (ref.fields_size() < 2) return "";
  return StringValue(ref.fields(ref.fields_size() - 2));
}

namespace {

// The message-typed fields of one message type, in field-number order (the order ListFields gives), and the
// oneof that pg_query::Node wraps every node kind in. Listing the set fields through reflection for every
// node (a Node has ~250 fields) was the largest single cost of linting a big corpus.
// Keyed by the message's C++ type (its vtable, no call into protobuf): GetDescriptor()/GetReflection() each go
// through the descriptor table's once-initialisation check, a few percent of a lint run when done per node.
struct MessageFields {
  const google::protobuf::Reflection* reflection = nullptr;
  const google::protobuf::OneofDescriptor* oneof = nullptr;
  std::vector<const google::protobuf::FieldDescriptor*> fields;
};

const MessageFields& FieldsOf(const google::protobuf::Message& message) {
  thread_local std::unordered_map<const std::type_info*, MessageFields> cache;
  auto [it, inserted] = cache.try_emplace(&typeid(message));
  if (!inserted) return it->second;
  MessageFields& out = it->second;
  out.reflection = message.GetReflection();
  const google::protobuf::Descriptor* descriptor = message.GetDescriptor();
  if (descriptor->oneof_decl_count() == 1 && descriptor->oneof_decl(0)->field_count() == descriptor->field_count()) {
    out.oneof = descriptor->oneof_decl(0);
    return out;
  }
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const auto* field = descriptor->field(i);
    if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) out.fields.push_back(field);
  }
  std::sort(out.fields.begin(), out.fields.end(), [](const auto* a, const auto* b) { return a->number() < b->number(); });
  return out;
}

}  // namespace

void ForEachChildMessage(const google::protobuf::Message& message,
                         const std::function<void(const google::protobuf::Message&)>& visit) {
  const MessageFields& fields = FieldsOf(message);
  const auto* reflection = fields.reflection;
  if (fields.oneof) {
    const auto* set = reflection->GetOneofFieldDescriptor(message, fields.oneof);
    if (set && set->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) visit(reflection->GetMessage(message, set));
    return;
  }
  for (const auto* field : fields.fields) {
    if (field->is_repeated()) {
      const int size = reflection->FieldSize(message, field);
      for (int i = 0; i < size; ++i) visit(reflection->GetRepeatedMessage(message, field, i));
    } else if (reflection->HasField(message, field)) {
      visit(reflection->GetMessage(message, field));
    }
  }
}

void VisitTree(const google::protobuf::Message& root, const std::function<void(const google::protobuf::Message&)>& visit) {
  visit(root);
  ForEachChildMessage(root, [&](const google::protobuf::Message& child) { VisitTree(child, visit); });
}

std::vector<std::string> ColumnsInExpression(const std::string& expression) {
  std::vector<std::string> columns;
  auto parsed = ParseOne("SELECT WHERE " + expression);
  if (!parsed.ok()) return columns;
  VisitTree(*parsed, [&](const google::protobuf::Message& message) {
    if (const auto* ref = dynamic_cast<const pg_query::ColumnRef*>(&message)) {
      const std::string name = ColumnRefName(*ref);
      if (!name.empty() && std::find(columns.begin(), columns.end(), name) == columns.end()) columns.push_back(name);
    }
  });
  return columns;
}

}  // namespace dbarch::sql
