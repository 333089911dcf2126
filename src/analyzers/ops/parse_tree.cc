// What the ops analyzers need from a statement's parse tree beyond the workload model: session-scoped
// features (which decide the PgBouncer pool mode), OFFSET clauses and the columns of index expressions.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include "analyzers/ops/ops_internal.h"
#include "sql/ast.h"
#include "sql/parser.h"

namespace dbarch::analyzers::ops {

namespace {

// pg_advisory_lock and friends without _xact_ hold the lock until the session ends.
bool IsSessionAdvisoryLock(const std::string& function) {
  return function == "pg_advisory_lock" || function == "pg_advisory_lock_shared" ||
         function == "pg_try_advisory_lock" || function == "pg_try_advisory_lock_shared";
}

constexpr int kCursorOptHold = 0x0020;  // CURSOR_OPT_HOLD in PostgreSQL's parsenodes.h

void CollectSessionFeatures(const pg_query::Node& stmt, const model::Query& q, std::vector<SessionFeature>& out) {
  auto add = [&](std::string feature) { out.push_back({std::move(feature), &q}); };
  VisitMessages(stmt, [&](const google::protobuf::Message& m) {
    if (const auto* listen = dynamic_cast<const pg_query::ListenStmt*>(&m)) {
      add("LISTEN " + listen->conditionname());
    } else if (const auto* set = dynamic_cast<const pg_query::VariableSetStmt*>(&m)) {
      if (!set->is_local() && !set->name().empty()) add("SET " + set->name());
    } else if (const auto* prepare = dynamic_cast<const pg_query::PrepareStmt*>(&m)) {
      add("PREPARE " + prepare->name());
    } else if (const auto* create = dynamic_cast<const pg_query::CreateStmt*>(&m)) {
      if (create->relation().relpersistence() == "t") add("temporary table " + create->relation().relname());
    } else if (const auto* into = dynamic_cast<const pg_query::IntoClause*>(&m)) {
      if (into->rel().relpersistence() == "t") add("temporary table " + into->rel().relname());
    } else if (const auto* cursor = dynamic_cast<const pg_query::DeclareCursorStmt*>(&m)) {
      if (cursor->options() & kCursorOptHold) add("WITH HOLD cursor " + cursor->portalname());
    } else if (const auto* call = dynamic_cast<const pg_query::FuncCall*>(&m)) {
      std::vector<std::string> name = sql::StringList(call->funcname());
      if (name.empty()) return;
      if (IsSessionAdvisoryLock(name.back())) add(name.back() + "()");
      // set_config(name, value, is_local => false) is a session SET.
      if (name.back() == "set_config" && call->args_size() == 3 && sql::ConstantSql(call->args(2)) == "false") {
        add("set_config(…, false)");
      }
    }
  });
}

}  // namespace

void VisitMessages(const google::protobuf::Message& root,
                   const std::function<void(const google::protobuf::Message&)>& visit) {
  visit(root);
  const google::protobuf::Reflection* reflection = root.GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(root, &fields);
  for (const auto* field : fields) {
    if (field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated()) {
      int n = reflection->FieldSize(root, field);
      for (int i = 0; i < n; ++i) VisitMessages(reflection->GetRepeatedMessage(root, field, i), visit);
    } else {
      VisitMessages(reflection->GetMessage(root, field), visit);
    }
  }
}

std::vector<SessionFeature> DetectSessionFeatures(const model::Workload& workload) {
  std::vector<SessionFeature> out;
  for (const auto& q : workload.queries) {
    if (q.text.empty()) continue;
    auto parsed = sql::ParseOne(q.text);
    if (!parsed.ok()) continue;
    CollectSessionFeatures(*parsed, q, out);
  }
  return out;
}

bool HasOffset(const model::Query& query) {
  if (query.offset) return true;
  if (query.text.empty()) return false;
  auto parsed = sql::ParseOne(query.text);
  if (!parsed.ok()) return false;
  bool found = false;
  VisitMessages(*parsed, [&](const google::protobuf::Message& m) {
    if (const auto* select = dynamic_cast<const pg_query::SelectStmt*>(&m)) {
      if (select->has_limit_offset()) found = true;
    }
  });
  return found;
}

std::set<std::string> ColumnsOfExpression(const std::string& expression) {
  std::set<std::string> out;
  auto parsed = sql::ParseOne("SELECT " + expression);
  if (!parsed.ok()) return out;
  VisitMessages(*parsed, [&](const google::protobuf::Message& m) {
    if (const auto* ref = dynamic_cast<const pg_query::ColumnRef*>(&m)) {
      std::string name = sql::ColumnRefName(*ref);
      if (!name.empty()) out.insert(name);
    }
  });
  return out;
}

}  // namespace dbarch::analyzers::ops
