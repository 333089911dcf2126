// migration/change-column-type: ALTER COLUMN … TYPE rewrites the table and its indexes under ACCESS EXCLUSIVE,
// except for the binary-coercible changes PostgreSQL does in place.
#include <fmt/format.h>

#include "analyzers/column_type_change.h"
#include "analyzers/lint/rules/rule_helpers.h"
#include "analyzers/migration_plan.h"
#include "sql/ast.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  ForEachCommandOnExistingTable(context, [&](const model::QualifiedName& table, const pg_query::AlterTableCmd& command) {
    const model::Table* definition = context.before.FindTable(table);
    if (command.subtype() != pg_query::AT_AlterColumnType || !command.def().has_column_def()) return;
    const auto& def = command.def().column_def();
    const model::TypeName to = sql::TypeOf(def.type_name());
    const model::Column* column = definition->FindColumn(command.name());
    const bool has_using = UsingComputesNewValues(def, command.name());
    if (column && TypeChangeIsBinaryCoercible(column->type, to, has_using)) return;
    Finding f = self.NewFinding(
        context, table.ToString() + "." + command.name(),
        fmt::format("Changing the type of {}.{}{} to {} rewrites the table and rebuilds its indexes under ACCESS "
                    "EXCLUSIVE.",
                    table.ToString(), command.name(), column ? " from " + column->type.ToSql() : "", to.ToSql()));
    f.explanation = "Lock: ACCESS EXCLUSIVE for a full rewrite. Only binary-coercible changes skip it (varchar(n) → "
                    "text or a longer varchar, numeric(p,s) → numeric with more precision and the same scale). "
                    "Otherwise add a new column, keep it in sync with a trigger, backfill in batches, switch the "
                    "application, then drop the old column.";
    out->push_back(std::move(f));
  });
}

}  // namespace

const LintRule& ChangeColumnTypeRule() {
  static const LintRule kRule{"migration/change-column-type",
                              "ALTER COLUMN TYPE rewrites the table unless the change is binary-coercible",
                              Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
