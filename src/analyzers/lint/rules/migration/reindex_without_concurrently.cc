// migration/reindex-without-concurrently: REINDEX without CONCURRENTLY blocks writes to the table (and reads that
// would use the index) while it rebuilds.
#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  if (!node.has_reindex_stmt()) return;
  for (const auto& option : node.reindex_stmt().params()) {
    if (option.has_def_elem() && option.def_elem().defname() == "concurrently") return;
  }
  Finding f = self.NewFinding(context, "", "REINDEX without CONCURRENTLY blocks writes while the index is rebuilt.");
  f.explanation = context.pg_version >= 12
                      ? "Lock: SHARE on the table (writes wait) and ACCESS EXCLUSIVE on the index (queries using it "
                        "wait). REINDEX … CONCURRENTLY (PostgreSQL 12+) rebuilds without blocking; it cannot run in "
                        "a transaction block."
                      : "Lock: SHARE on the table and ACCESS EXCLUSIVE on the index. Before PostgreSQL 12, build a "
                        "new index CONCURRENTLY and drop the old one CONCURRENTLY instead.";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& ReindexWithoutConcurrentlyRule() {
  static const LintRule kRule{"migration/reindex-without-concurrently", "REINDEX without CONCURRENTLY blocks writes",
                              Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
