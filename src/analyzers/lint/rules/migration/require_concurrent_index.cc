// migration/require-concurrent-index: CREATE INDEX without CONCURRENTLY on a table that already exists takes a
// SHARE lock — every INSERT/UPDATE/DELETE waits until the whole index is built.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  if (!node.has_index_stmt() || node.index_stmt().concurrent()) return;
  const model::QualifiedName table = context.Resolve(node.index_stmt().relation());
  if (!context.IsExistingTable(table)) return;
  Finding f = self.NewFinding(context, table.ToString(),
                              fmt::format("CREATE INDEX on existing table {} without CONCURRENTLY blocks writes to it "
                                          "(SHARE lock) until the index is built.",
                                          table.ToString()));
  f.explanation = "Lock: SHARE on the table for the whole build (reads continue, writes wait). CREATE INDEX "
                  "CONCURRENTLY takes SHARE UPDATE EXCLUSIVE instead, which lets writes continue; it must run "
                  "outside a transaction block.";
  f.fix_sql = WithConcurrently(node);
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& RequireConcurrentIndexRule() {
  static const LintRule kRule{"migration/require-concurrent-index",
                              "CREATE INDEX on an existing table without CONCURRENTLY blocks writes", Severity::kWarning,
                              &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
