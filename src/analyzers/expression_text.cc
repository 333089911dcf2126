#include "analyzers/expression_text.h"

#include "sql/ast.h"
#include "sql/parser.h"
#include "sql/message_type.h"

namespace dbarch::analyzers {

namespace {

// Drops table qualifiers from every column reference (`o.created_at` → `created_at`), walking the whole
// tree through protobuf reflection so no expression shape is missed.
void StripQualifiers(google::protobuf::Message* message) {
  if (sql::Is<pg_query::ColumnRef>(*message)) {
    auto* ref = static_cast<pg_query::ColumnRef*>(message);
    if (ref->fields_size() > 1) ref->mutable_fields()->DeleteSubrange(0, ref->fields_size() - 1);
  }
  const auto* reflection = message->GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(*message, &fields);
  for (const auto* field : fields) {
    if (field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(*message, field); ++i)
        StripQualifiers(reflection->MutableRepeatedMessage(message, field, i));
    } else {
      StripQualifiers(reflection->MutableMessage(message, field));
    }
  }
}

std::string Trim(const std::string& text) {
  const size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

}  // namespace

std::string UnqualifiedExpression(const std::string& expression) {
  auto parsed = sql::ParseOne("SELECT " + expression);
  if (parsed.ok() && parsed->has_select_stmt() && parsed->select_stmt().target_list_size() == 1) {
    pg_query::Node value = parsed->select_stmt().target_list(0).res_target().val();
    StripQualifiers(&value);
    std::string deparsed = sql::DeparseExpr(value);
    if (!deparsed.empty()) return deparsed;
  }
  return Trim(expression);
}

const std::string& ExpressionNormalizer::Normalize(const std::string& expression) {
  auto it = cache_.find(expression);
  if (it != cache_.end()) return it->second;
  return cache_.emplace(expression, UnqualifiedExpression(expression)).first->second;
}

}  // namespace dbarch::analyzers
