// migration/volatile-default: ADD COLUMN with a volatile DEFAULT (clock_timestamp(), gen_random_uuid(), a serial's
// nextval) or a STORED generated column rewrites the whole table under ACCESS EXCLUSIVE; before PostgreSQL 11 any
// DEFAULT does.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"
#include "sql/ast.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  ForEachCommandOnExistingTable(context, [&](const model::QualifiedName& table, const pg_query::AlterTableCmd& command) {
    if (command.subtype() != pg_query::AT_AddColumn || !command.def().has_column_def()) return;
    const auto& column = command.def().column_def();
    std::string why;
    if (const auto* d = ColumnConstraint(column, pg_query::CONSTR_DEFAULT)) {
      const std::string volatile_call = VolatileFunction(d->raw_expr());
      if (!volatile_call.empty()) why = "its DEFAULT calls the volatile " + volatile_call;
      else if (context.pg_version < 11) why = "before PostgreSQL 11 any DEFAULT is written into every row";
    }
    if (why.empty() && sql::SerialBaseType(column.type_name())) why = "a serial column's default is nextval(), volatile";
    if (why.empty() && ColumnConstraint(column, pg_query::CONSTR_GENERATED)) why = "a STORED generated column is computed for every row";
    if (why.empty() && ColumnConstraint(column, pg_query::CONSTR_IDENTITY)) why = "an identity column is filled for every row";
    if (why.empty()) return;
    Finding f = self.NewFinding(context, table.ToString() + "." + column.colname(),
                                fmt::format("Adding column {} rewrites all of {} under ACCESS EXCLUSIVE: {}.",
                                            column.colname(), table.ToString(), why));
    f.explanation = "Lock: ACCESS EXCLUSIVE for a full table rewrite (and all its indexes). Add the column without a "
                    "default (or with a constant one, which PostgreSQL 11+ stores in the catalog only), set the "
                    "default for new rows with ALTER COLUMN … SET DEFAULT, and backfill existing rows in batches.";
    out->push_back(std::move(f));
  });
}

}  // namespace

const LintRule& VolatileDefaultRule() {
  static const LintRule kRule{"migration/volatile-default",
                              "ADD COLUMN with a volatile default rewrites the table", Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
