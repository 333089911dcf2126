// Schema rules about one column's declared type share their shape: look at every column a CREATE TABLE or
// ADD COLUMN defines and report the ones whose type matches.
#pragma once

#include <functional>
#include <string>

#include "analyzers/lint/rules/rule_helpers.h"
#include "sql/ast.h"

namespace dbarch::analyzers::lint {

// Calls `report` for each defined column whose canonical type satisfies `matches`.
inline void ForEachColumnOfType(const LintContext& context,
                                const std::function<bool(const model::TypeName&, const pg_query::ColumnDef&)>& matches,
                                const std::function<void(const model::QualifiedName&, const pg_query::ColumnDef&,
                                                         const model::TypeName&)>& report) {
  model::QualifiedName table;
  for (const pg_query::ColumnDef* column : DefinedColumns(context, &table)) {
    if (!column->has_type_name()) continue;
    const model::TypeName type = sql::TypeOf(column->type_name());
    if (matches(type, *column)) report(table, *column, type);
  }
}

}  // namespace dbarch::analyzers::lint
