// migration/validate-in-same-transaction: ADD CONSTRAINT … NOT VALID followed by VALIDATE CONSTRAINT in the same
// transaction. The ADD's ACCESS EXCLUSIVE lock is held until COMMIT, so the validating scan runs under it — exactly
// the blocking scan NOT VALID was written to avoid.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  if (!context.file.in_transaction) return;
  for (const auto* command : AlterTableCommands(context.statement.node)) {
    if (command->subtype() != pg_query::AT_ValidateConstraint) continue;
    if (!context.file.not_valid_in_transaction.count(command->name())) continue;
    const model::QualifiedName table = AlterTableTarget(context);
    Finding f = self.NewFinding(context, table.ToString() + "." + command->name(),
                                fmt::format("Constraint {} is validated in the transaction that added it NOT VALID: "
                                            "the scan runs while the ADD's ACCESS EXCLUSIVE lock on {} is still held.",
                                            command->name(), table.ToString()));
    f.explanation = "Locks are released only at COMMIT. Commit after ADD CONSTRAINT … NOT VALID and run VALIDATE "
                    "CONSTRAINT in a separate transaction (the next migration): it takes only SHARE UPDATE EXCLUSIVE, "
                    "so reads and writes continue during the scan.";
    out->push_back(std::move(f));
  }
}

}  // namespace

const LintRule& ValidateInSameTransactionRule() {
  static const LintRule kRule{"migration/validate-in-same-transaction",
                              "VALIDATE CONSTRAINT in the transaction that added it NOT VALID", Severity::kWarning,
                              &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
