// migration/rename-column: renaming a column breaks the application version still running during a deploy.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"
#include "sql/ast.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  if (!node.has_rename_stmt()) return;
  const auto& rename = node.rename_stmt();
  if (rename.rename_type() != pg_query::OBJECT_COLUMN || !rename.has_relation()) return;
  const model::QualifiedName table = context.Resolve(rename.relation());
  if (!context.IsExistingTable(table)) return;
  Finding f = self.NewFinding(context, table.ToString() + "." + rename.subname(),
                              fmt::format("Renaming column {}.{} to {} breaks every running query that names it.",
                                          table.ToString(), rename.subname(), rename.newname()));
  f.explanation = "The rename itself is instant (a brief ACCESS EXCLUSIVE lock), but the application version still "
                  "deployed keeps using the old name until it is replaced. Expand and contract instead: add the new "
                  "column, write both, backfill, switch reads, then drop the old one — or add a view that keeps the "
                  "old name during the transition.";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& RenameColumnRule() {
  static const LintRule kRule{"migration/rename-column", "Renaming a column breaks the code still running",
                              Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
