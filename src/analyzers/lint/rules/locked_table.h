// The existing table a statement locks in a mode that conflicts with ordinary reads or writes — what the
// timeout rules (require-lock-timeout, require-statement-timeout) guard.
#pragma once

#include <optional>

#include "analyzers/lint/rules/rule_helpers.h"
#include "sql/ast.h"

namespace dbarch::analyzers::lint {

inline std::optional<model::QualifiedName> LockedTable(const LintContext& context) {
  const pg_query::Node& node = context.statement.node;
  std::optional<model::QualifiedName> table;
  if (node.has_alter_table_stmt() && node.alter_table_stmt().objtype() == pg_query::OBJECT_TABLE) {
    table = context.Resolve(node.alter_table_stmt().relation());
  } else if (node.has_index_stmt() && !node.index_stmt().concurrent()) {
    table = context.Resolve(node.index_stmt().relation());
  } else if (node.has_rename_stmt() && node.rename_stmt().has_relation()) {
    table = context.Resolve(node.rename_stmt().relation());
  } else if (node.has_create_trig_stmt()) {
    table = context.Resolve(node.create_trig_stmt().relation());
  } else if (node.has_drop_stmt() && !node.drop_stmt().concurrent() &&
             node.drop_stmt().remove_type() == pg_query::OBJECT_TABLE) {
    for (const auto& object : node.drop_stmt().objects()) {
      if (object.has_list()) table = sql::NameOf(object.list().items(), "public");
    }
  }
  if (table && context.IsExistingTable(*table)) return table;
  return std::nullopt;
}

}  // namespace dbarch::analyzers::lint
