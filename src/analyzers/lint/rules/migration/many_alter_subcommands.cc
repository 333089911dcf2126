// migration/many-alter-subcommands: one ALTER TABLE with many subcommands holds the strongest lock any of them
// needs for all of them, and one failure rolls back everything.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

constexpr size_t kMaxSubcommands = 5;

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  const auto commands = AlterTableCommands(context.statement.node);
  if (commands.size() <= kMaxSubcommands) return;
  const model::QualifiedName table = AlterTableTarget(context);
  if (!context.IsExistingTable(table)) return;
  Finding f = self.NewFinding(context, table.ToString(),
                              fmt::format("ALTER TABLE {} has {} subcommands: the table stays locked for all of them "
                                          "under the strongest lock any one needs.",
                                          table.ToString(), commands.size()));
  f.explanation = fmt::format("More than {} changes in one statement are hard to review for locks and rewrites, and "
                              "a rewrite by one of them (a type change, a volatile default) blocks the table for "
                              "the lot. Split it into statements grouped by lock level, cheap ones first.",
                              kMaxSubcommands);
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& ManyAlterSubcommandsRule() {
  static const LintRule kRule{"migration/many-alter-subcommands",
                              "ALTER TABLE of an existing table with more than 5 subcommands", Severity::kInfo, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
