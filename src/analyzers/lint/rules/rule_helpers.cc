#include "analyzers/lint/rules/rule_helpers.h"

#include <set>

#include "sql/ast.h"
#include "sql/message_type.h"

namespace dbarch::analyzers::lint {

std::vector<const pg_query::AlterTableCmd*> AlterTableCommands(const pg_query::Node& statement) {
  std::vector<const pg_query::AlterTableCmd*> out;
  if (!statement.has_alter_table_stmt() || statement.alter_table_stmt().objtype() != pg_query::OBJECT_TABLE) return out;
  for (const auto& cmd : statement.alter_table_stmt().cmds()) {
    if (cmd.has_alter_table_cmd()) out.push_back(&cmd.alter_table_cmd());
  }
  return out;
}

model::QualifiedName AlterTableTarget(const LintContext& context) {
  return context.Resolve(context.statement.node.alter_table_stmt().relation());
}

void ForEachCommandOnExistingTable(
    const LintContext& context,
    const std::function<void(const model::QualifiedName& table, const pg_query::AlterTableCmd& command)>& visit) {
  const auto commands = AlterTableCommands(context.statement.node);
  if (commands.empty()) return;
  const model::QualifiedName table = AlterTableTarget(context);
  if (!context.IsExistingTable(table)) return;
  for (const auto* command : commands) visit(table, *command);
}

const pg_query::Constraint* ColumnConstraint(const pg_query::ColumnDef& column, pg_query::ConstrType type) {
  for (const auto& c : column.constraints()) {
    if (c.has_constraint() && c.constraint().contype() == type) return &c.constraint();
  }
  return nullptr;
}

std::string WithConcurrently(const pg_query::Node& statement) {
  pg_query::Node copy = statement;
  if (copy.has_index_stmt()) copy.mutable_index_stmt()->set_concurrent(true);
  else if (copy.has_drop_stmt() && copy.drop_stmt().remove_type() == pg_query::OBJECT_INDEX)
    copy.mutable_drop_stmt()->set_concurrent(true);
  else return "";
  auto sql = sql::Deparse(copy);
  return sql.ok() ? *sql + ";" : "";
}

std::string VolatileFunction(const pg_query::Node& expression) {
  static const std::set<std::string> kVolatile = {"clock_timestamp", "random", "gen_random_uuid", "nextval",
                                                  "uuid_generate_v1", "uuid_generate_v4", "timeofday",
                                                  "txid_current", "setseed", "random_normal"};
  std::string found;
  VisitTree(expression, [&](const google::protobuf::Message& m) {
    if (!found.empty() || !sql::Is<pg_query::FuncCall>(m)) return;
    const std::string name = FunctionName(static_cast<const pg_query::FuncCall&>(m));
    if (kVolatile.count(name)) found = name + "()";
  });
  return found;
}

std::vector<const pg_query::ColumnDef*> DefinedColumns(const LintContext& context, model::QualifiedName* table) {
  std::vector<const pg_query::ColumnDef*> out;
  const pg_query::Node& node = context.statement.node;
  if (node.has_create_stmt()) {
    *table = context.Resolve(node.create_stmt().relation());
    for (const auto& element : node.create_stmt().table_elts()) {
      if (element.has_column_def()) out.push_back(&element.column_def());
    }
    return out;
  }
  for (const auto* cmd : AlterTableCommands(node)) {
    if (cmd->subtype() == pg_query::AT_AddColumn && cmd->def().has_column_def()) out.push_back(&cmd->def().column_def());
  }
  if (!out.empty()) *table = AlterTableTarget(context);
  return out;
}

void VisitTree(const google::protobuf::Message& root, const std::function<void(const google::protobuf::Message&)>& visit) {
  sql::VisitTree(root, visit);
}

bool IsQuery(const pg_query::Node& statement) {
  return statement.has_select_stmt() || statement.has_insert_stmt() || statement.has_update_stmt() ||
         statement.has_delete_stmt() || statement.has_merge_stmt();
}

std::string FunctionName(const pg_query::FuncCall& call) {
  if (call.funcname().empty()) return "";
  std::string name = sql::StringValue(call.funcname(call.funcname_size() - 1));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

}  // namespace dbarch::analyzers::lint
