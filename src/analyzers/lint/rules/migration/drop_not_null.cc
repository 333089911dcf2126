// migration/drop-not-null: ALTER COLUMN … DROP NOT NULL on an existing table. Cheap for PostgreSQL, but code that
// reads the column (and PL/pgSQL, views, reports) was written for a column that could not be NULL.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  ForEachCommandOnExistingTable(context, [&](const model::QualifiedName& table, const pg_query::AlterTableCmd& command) {
    if (command.subtype() != pg_query::AT_DropNotNull) return;
    Finding f = self.NewFinding(context, table.ToString() + "." + command.name(),
                                fmt::format("Dropping NOT NULL from {}.{} lets NULLs into a column that running code "
                                            "reads as never NULL.",
                                            table.ToString(), command.name()));
    f.explanation = "Lock: ACCESS EXCLUSIVE, briefly (catalog only). The risk is in the readers: comparisons, "
                    "NOT IN, aggregates and client code that assumed a value. Make every reader NULL-safe first, or "
                    "keep NOT NULL and store an explicit marker value.";
    out->push_back(std::move(f));
  });
}

}  // namespace

const LintRule& DropNotNullRule() {
  static const LintRule kRule{"migration/drop-not-null", "DROP NOT NULL on an existing column breaks readers' assumptions",
                              Severity::kInfo, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
