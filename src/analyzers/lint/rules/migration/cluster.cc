// migration/cluster: CLUSTER rewrites the table in index order under ACCESS EXCLUSIVE.
#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  if (!context.statement.node.has_cluster_stmt()) return;
  Finding f = self.NewFinding(context, "", "CLUSTER rewrites the table while nothing can read or write it.");
  f.explanation = "Lock: ACCESS EXCLUSIVE for a full rewrite and index rebuild, with disk space for a copy. The order "
                  "is not maintained afterwards. pg_repack --order-by does the same online.";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& ClusterRule() {
  static const LintRule kRule{"migration/cluster", "CLUSTER locks and rewrites the table", Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
