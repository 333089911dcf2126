// schema/nullable-boolean: a boolean without NOT NULL has three states.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"
#include "analyzers/lint/rules/schema/column_type_rule.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  ForEachColumnOfType(
      context,
      [](const model::TypeName& t, const pg_query::ColumnDef& column) {
        return t.name == "boolean" && t.array_dims == 0 && !column.is_not_null() &&
               !ColumnConstraint(column, pg_query::CONSTR_NOTNULL) && !ColumnConstraint(column, pg_query::CONSTR_PRIMARY);
      },
      [&](const model::QualifiedName& table, const pg_query::ColumnDef& column, const model::TypeName&) {
        Finding f = self.NewFinding(context, table.ToString() + "." + column.colname(),
                                    fmt::format("Boolean column {} allows NULL: true, false and unknown.",
                                                column.colname()));
        f.explanation = "`WHERE NOT flag` skips the NULL rows, which is rarely intended. Declare it NOT NULL with a "
                        "DEFAULT (instant on PostgreSQL 11+), or use a nullable timestamp (accepted_at) when \"not "
                        "yet\" is a real state.";
        out->push_back(std::move(f));
      });
}

}  // namespace

const LintRule& NullableBooleanRule() {
  static const LintRule kRule{"schema/nullable-boolean", "boolean column without NOT NULL", Severity::kInfo, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
