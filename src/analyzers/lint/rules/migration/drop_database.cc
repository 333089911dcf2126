// migration/drop-database: DROP DATABASE in a migration destroys every table of that database at once.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  if (!node.has_dropdb_stmt()) return;
  const std::string& name = node.dropdb_stmt().dbname();
  Finding f = self.NewFinding(context, name,
                              fmt::format("DROP DATABASE {} deletes the whole database, every table and row in it.", name));
  f.explanation = "It cannot be rolled back (DROP DATABASE refuses to run in a transaction block) and it fails while "
                  "anyone is connected — or, WITH (FORCE), disconnects them. A migration is the wrong place for it: "
                  "drop databases by hand, after a backup, once nothing uses them.";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& DropDatabaseRule() {
  static const LintRule kRule{"migration/drop-database", "DROP DATABASE in a migration", Severity::kError, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
