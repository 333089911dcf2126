// migration/require-statement-timeout: a statement that locks an existing table, in a file that never set
// statement_timeout. lock_timeout bounds the wait for the lock; only statement_timeout bounds how long the lock is
// then held (a validation scan or index build on a table far larger than expected).
#include <fmt/format.h>

#include "analyzers/lint/rules/locked_table.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  if (context.file.statement_timeout_set) return;
  auto table = LockedTable(context);
  if (!table) return;
  Finding f = self.NewFinding(context, table->ToString(),
                              fmt::format("No statement_timeout is set before this statement locks {}: nothing stops "
                                          "it from holding the lock for as long as the work takes.",
                                          table->ToString()));
  f.explanation = "A migration that runs much longer than in staging (a bigger table, a slower disk) keeps its lock "
                  "and every query that needs the table waits. SET statement_timeout (e.g. '5min' or what the "
                  "migration was measured to need) makes it fail and roll back instead; pair it with lock_timeout.";
  f.fix_sql = "SET statement_timeout = '5min';";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& RequireStatementTimeoutRule() {
  static const LintRule kRule{"migration/require-statement-timeout",
                              "Locking DDL on an existing table without statement_timeout set", Severity::kInfo,
                              &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
