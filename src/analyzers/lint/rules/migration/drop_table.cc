// migration/drop-table: dropping a table that exists loses its data.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"
#include "sql/ast.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  if (!node.has_drop_stmt() || node.drop_stmt().remove_type() != pg_query::OBJECT_TABLE) return;
  for (const auto& object : node.drop_stmt().objects()) {
    if (!object.has_list()) continue;
    model::QualifiedName table = sql::NameOf(object.list().items(), "public");
    if (!context.IsExistingTable(table)) continue;
    Finding f = self.NewFinding(context, table.ToString(),
                                fmt::format("Dropping table {} loses its data{}.", table.ToString(),
                                            node.drop_stmt().behavior() == pg_query::DROP_CASCADE
                                                ? " and, with CASCADE, every view and foreign key that depends on it"
                                                : ""));
    f.explanation = "Lock: ACCESS EXCLUSIVE (brief). The data is gone at COMMIT. Stop using the table in the code "
                    "first, rename it (or revoke access) for a release to prove nothing needs it, keep a dump, then "
                    "drop it.";
    out->push_back(std::move(f));
  }
}

}  // namespace

const LintRule& DropTableRule() {
  static const LintRule kRule{"migration/drop-table", "Dropping an existing table loses its data", Severity::kWarning,
                              &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
