// migration/rename-table: renaming a table breaks the application version still running during a deploy.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  if (!node.has_rename_stmt()) return;
  const auto& rename = node.rename_stmt();
  if (rename.rename_type() != pg_query::OBJECT_TABLE || !rename.has_relation()) return;
  const model::QualifiedName table = context.Resolve(rename.relation());
  if (!context.IsExistingTable(table)) return;
  Finding f = self.NewFinding(context, table.ToString(),
                              fmt::format("Renaming table {} to {} breaks every running query that names it.",
                                          table.ToString(), rename.newname()));
  f.explanation = "The rename is instant, but the deployed application keeps using the old name. Rename in two "
                  "deploys: create a view with the new name (or the old one after the rename) so both names work, "
                  "switch the code, then drop the view.";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& RenameTableRule() {
  static const LintRule kRule{"migration/rename-table", "Renaming a table breaks the code still running",
                              Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
