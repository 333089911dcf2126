// Small readers of parse trees that several lint rules share.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "analyzers/lint/lint_rule.h"

namespace dbarch::analyzers::lint {

// The ALTER TABLE's subcommands (AlterTableCmd), in order; empty for other statements or ALTER of other kinds.
std::vector<const pg_query::AlterTableCmd*> AlterTableCommands(const pg_query::Node& statement);
// The table an ALTER TABLE changes.
model::QualifiedName AlterTableTarget(const LintContext& context);
// Calls `visit` for each ALTER TABLE subcommand when the statement alters a table that existed before the file
// (tables created in the same file are empty and unused, so migration hazards do not apply to them).
void ForEachCommandOnExistingTable(
    const LintContext& context,
    const std::function<void(const model::QualifiedName& table, const pg_query::AlterTableCmd& command)>& visit);
// A column definition's name and whether it has NOT NULL, a DEFAULT, and which constraint nodes.
const pg_query::Constraint* ColumnConstraint(const pg_query::ColumnDef& column, pg_query::ConstrType type);
// The statement with `CONCURRENTLY` added (CREATE/DROP INDEX, REINDEX), deparsed; "" when not applicable.
std::string WithConcurrently(const pg_query::Node& statement);
// A function call anywhere in the expression whose result changes per row (clock_timestamp(), random(),
// gen_random_uuid(), nextval(), uuid_generate_v4(), …); the function's name, or "".
std::string VolatileFunction(const pg_query::Node& expression);

// Columns the statement defines: CREATE TABLE's column list or ALTER TABLE … ADD COLUMN; `table` is set to the
// table they belong to.
std::vector<const pg_query::ColumnDef*> DefinedColumns(const LintContext& context, model::QualifiedName* table);

// Calls `visit` on every message of the tree below `root` (depth first, root included).
void VisitTree(const google::protobuf::Message& root, const std::function<void(const google::protobuf::Message&)>& visit);
// The statement is a query that reads or writes rows (SELECT, INSERT, UPDATE, DELETE, MERGE).
bool IsQuery(const pg_query::Node& statement);
// The function's last name part, lower case ("pg_catalog.random" → "random").
std::string FunctionName(const pg_query::FuncCall& call);

// Calls visit(message) for every message of the statement's parse tree, in pre-order — the same as
// sql::VisitTree(context.statement.node, visit), from the tree walked once per statement.
template <typename Visit>
void ForEachNode(const StatementContext& context, Visit&& visit) {
  for (const google::protobuf::Message* message : context.TreeNodes()) visit(*message);
}

}  // namespace dbarch::analyzers::lint
