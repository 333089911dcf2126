// migration/add-check-not-valid: adding a CHECK constraint to an existing table scans it under ACCESS EXCLUSIVE.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  const auto commands = AlterTableCommands(context.statement.node);
  if (commands.empty()) return;
  const model::QualifiedName table = AlterTableTarget(context);
  if (!context.IsExistingTable(table)) return;
  for (const auto* cmd : commands) {
    if (cmd->subtype() != pg_query::AT_AddConstraint || !cmd->def().has_constraint()) continue;
    const auto& c = cmd->def().constraint();
    if (c.contype() != pg_query::CONSTR_CHECK || c.skip_validation()) continue;
    Finding f = self.NewFinding(context, table.ToString(),
                                fmt::format("Adding CHECK constraint {} to existing table {} scans every row while "
                                            "nothing can read or write the table.",
                                            c.conname().empty() ? "" : c.conname(), table.ToString()));
    f.explanation = "Lock: ACCESS EXCLUSIVE for the whole scan. Add it NOT VALID (instant; new rows are checked), "
                    "then ALTER TABLE … VALIDATE CONSTRAINT in a later transaction (SHARE UPDATE EXCLUSIVE: reads "
                    "and writes continue).";
    out->push_back(std::move(f));
  }
}

}  // namespace

const LintRule& AddCheckNotValidRule() {
  static const LintRule kRule{"migration/add-check-not-valid",
                              "CHECK on an existing table without NOT VALID scans it under ACCESS EXCLUSIVE",
                              Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
