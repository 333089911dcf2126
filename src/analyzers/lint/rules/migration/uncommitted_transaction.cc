// migration/uncommitted-transaction: the file opens a transaction (BEGIN) and never commits it. psql rolls it back
// at the end of the script; a migration tool may commit it, roll it back, or hold its locks until the session ends.
#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

void CheckEnd(const LintRule& self, const LintContext& context, Findings* out) {
  if (!context.file.in_transaction) return;
  Finding f = self.NewFinding(context, "",
                              "The file ends inside the transaction its BEGIN opened: no COMMIT follows.");
  f.explanation = "What happens to the work depends on the runner: psql -f and most drivers roll it back when the "
                  "session ends (the migration silently does nothing), others leave the transaction open and its "
                  "locks held. End the file with COMMIT.";
  f.fix_sql = "COMMIT;";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& UncommittedTransactionRule() {
  static const LintRule kRule{"migration/uncommitted-transaction", "BEGIN without a COMMIT before the end of the file",
                              Severity::kError, nullptr, nullptr, &CheckEnd};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
