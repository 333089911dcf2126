// migration/drop-column: dropping a column loses its data and breaks code that still reads it.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  ForEachCommandOnExistingTable(context, [&](const model::QualifiedName& table, const pg_query::AlterTableCmd& command) {
    if (command.subtype() != pg_query::AT_DropColumn) return;
    Finding f = self.NewFinding(context, table.ToString() + "." + command.name(),
                                fmt::format("Dropping column {}.{} loses its data, and queries of the running "
                                            "application that name it fail.",
                                            table.ToString(), command.name()));
    f.explanation = "The drop is instant (ACCESS EXCLUSIVE briefly; the space is reclaimed by later rewrites), but "
                    "it cannot be rolled back once committed. Stop using the column in the code first (ORMs: mark it "
                    "ignored), deploy, then drop it in a later migration — with a backup of the data if it may be "
                    "needed.";
    out->push_back(std::move(f));
  });
}

}  // namespace

const LintRule& DropColumnRule() {
  static const LintRule kRule{"migration/drop-column", "Dropping a column loses data and breaks running code",
                              Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
