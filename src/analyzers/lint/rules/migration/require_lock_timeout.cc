// migration/require-lock-timeout: a statement that needs a strong lock on an existing table, in a file that never
// set lock_timeout, can wait behind a long transaction — and every query queued behind it waits too.
#include <fmt/format.h>

#include "analyzers/lint/rules/locked_table.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  if (context.file.lock_timeout_set) return;
  auto table = LockedTable(context);
  if (!table) return;
  Finding f = self.NewFinding(context, table->ToString(),
                              fmt::format("No lock_timeout is set before this statement locks {}: if a long "
                                          "transaction holds the table, the migration waits and every query on {} "
                                          "queues behind it.",
                                          table->ToString(), table->name));
  f.explanation = "Lock requests queue in order: while this statement waits for its lock, later reads and writes of "
                  "the table wait behind it, which looks like an outage. SET lock_timeout = '5s' (and retry the "
                  "migration) makes it give up quickly instead.";
  f.fix_sql = "SET lock_timeout = '5s';";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& RequireLockTimeoutRule() {
  static const LintRule kRule{"migration/require-lock-timeout",
                              "Locking DDL on an existing table without lock_timeout set", Severity::kInfo, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
