// query/order-by-random: ORDER BY random() reads and sorts the whole result to return a few rows.
#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  if (!node.has_select_stmt()) return;
  for (const auto& sort : node.select_stmt().sort_clause()) {
    if (!sort.has_sort_by() || !sort.sort_by().node().has_func_call()) continue;
    if (FunctionName(sort.sort_by().node().func_call()) != "random") continue;
    Finding f = self.NewFinding(context, "", "ORDER BY random() reads and sorts every row to pick a few.");
    f.explanation = "The cost is the whole table however small the LIMIT. Sample instead: TABLESAMPLE SYSTEM/BERNOULLI "
                    "(approximate), or pick random ids in the key range and fetch them by index.";
    out->push_back(std::move(f));
    return;
  }
}

}  // namespace

const LintRule& OrderByRandomRule() {
  static const LintRule kRule{"query/order-by-random", "ORDER BY random() sorts the whole table", Severity::kWarning,
                              &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
