// migration/truncate-table: TRUNCATE in a migration deletes every row, under ACCESS EXCLUSIVE.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  if (!node.has_truncate_stmt()) return;
  for (const auto& relation : node.truncate_stmt().relations()) {
    if (!relation.has_range_var()) continue;
    const model::QualifiedName table = context.Resolve(relation.range_var());
    if (!context.IsExistingTable(table)) continue;
    Finding f = self.NewFinding(context, table.ToString(),
                                fmt::format("TRUNCATE {} deletes every row{}.", table.ToString(),
                                            node.truncate_stmt().behavior() == pg_query::DROP_CASCADE
                                                ? ", and with CASCADE every row of the tables that reference it"
                                                : ""));
    f.explanation = "Lock: ACCESS EXCLUSIVE. The rows are gone at COMMIT and no trigger ON DELETE fires. If the data "
                    "is obsolete, say so in the migration (dbarch: ignore[migration/truncate-table]); otherwise "
                    "delete selectively, in batches.";
    out->push_back(std::move(f));
  }
}

}  // namespace

const LintRule& TruncateTableRule() {
  static const LintRule kRule{"migration/truncate-table", "TRUNCATE deletes every row of an existing table",
                              Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
