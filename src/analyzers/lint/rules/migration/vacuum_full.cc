// migration/vacuum-full: VACUUM FULL rewrites the table under ACCESS EXCLUSIVE.
#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  if (!node.has_vacuum_stmt() || !node.vacuum_stmt().is_vacuumcmd()) return;
  for (const auto& option : node.vacuum_stmt().options()) {
    if (!option.has_def_elem() || option.def_elem().defname() != "full") continue;
    Finding f = self.NewFinding(context, "",
                                "VACUUM FULL rewrites the table and its indexes while nothing can read or write it.");
    f.explanation = "Lock: ACCESS EXCLUSIVE for the whole rewrite, and it needs free disk space for a full copy. "
                    "Plain VACUUM (no blocking lock) keeps space reusable; to shrink a bloated table online use "
                    "pg_repack or pg_squeeze.";
    out->push_back(std::move(f));
    return;
  }
}

}  // namespace

const LintRule& VacuumFullRule() {
  static const LintRule kRule{"migration/vacuum-full", "VACUUM FULL locks and rewrites the table", Severity::kWarning,
                              &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
