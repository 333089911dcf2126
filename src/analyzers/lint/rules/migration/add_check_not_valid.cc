// migration/add-check-not-valid: adding a CHECK constraint to an existing table scans it under ACCESS EXCLUSIVE.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  ForEachCommandOnExistingTable(context, [&](const model::QualifiedName& table, const pg_query::AlterTableCmd& command) {
    if (command.subtype() != pg_query::AT_AddConstraint || !command.def().has_constraint()) return;
    const auto& c = command.def().constraint();
    if (c.contype() != pg_query::CONSTR_CHECK || c.skip_validation()) return;
    Finding f = self.NewFinding(context, table.ToString(),
                                fmt::format("Adding CHECK constraint {} to existing table {} scans every row while "
                                            "nothing can read or write the table.",
                                            c.conname().empty() ? "" : c.conname(), table.ToString()));
    f.explanation = "Lock: ACCESS EXCLUSIVE for the whole scan. Add it NOT VALID (instant; new rows are checked), "
                    "then ALTER TABLE … VALIDATE CONSTRAINT in a later transaction (SHARE UPDATE EXCLUSIVE: reads "
                    "and writes continue).";
    out->push_back(std::move(f));
  });
}

}  // namespace

const LintRule& AddCheckNotValidRule() {
  static const LintRule kRule{"migration/add-check-not-valid",
                              "CHECK on an existing table without NOT VALID scans it under ACCESS EXCLUSIVE",
                              Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
