// migration/add-not-null-column-without-default: ADD COLUMN … NOT NULL without a DEFAULT fails on a table that has
// rows ("column contains null values").
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  ForEachCommandOnExistingTable(context, [&](const model::QualifiedName& table, const pg_query::AlterTableCmd& command) {
    if (command.subtype() != pg_query::AT_AddColumn || !command.def().has_column_def()) return;
    const auto& column = command.def().column_def();
    const bool not_null = column.is_not_null() || ColumnConstraint(column, pg_query::CONSTR_NOTNULL) ||
                          ColumnConstraint(column, pg_query::CONSTR_PRIMARY);
    const bool fills = ColumnConstraint(column, pg_query::CONSTR_DEFAULT) ||
                       ColumnConstraint(column, pg_query::CONSTR_IDENTITY) ||
                       ColumnConstraint(column, pg_query::CONSTR_GENERATED);
    if (!not_null || fills) return;
    Finding f = self.NewFinding(context, table.ToString() + "." + column.colname(),
                                fmt::format("Adding NOT NULL column {} without a DEFAULT fails as soon as {} has a "
                                            "row.",
                                            column.colname(), table.ToString()));
    f.explanation = "Existing rows would get NULL, which NOT NULL rejects. Add the column nullable (or with a "
                    "constant DEFAULT, instant on PostgreSQL 11+), backfill, then make it NOT NULL via a validated "
                    "CHECK constraint.";
    out->push_back(std::move(f));
  });
}

}  // namespace

const LintRule& AddNotNullColumnWithoutDefaultRule() {
  static const LintRule kRule{"migration/add-not-null-column-without-default",
                              "ADD COLUMN NOT NULL without DEFAULT fails on a non-empty table", Severity::kError,
                              &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
