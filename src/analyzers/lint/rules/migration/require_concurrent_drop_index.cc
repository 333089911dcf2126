// migration/require-concurrent-drop-index: DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the table.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"
#include "sql/ast.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  if (!node.has_drop_stmt() || node.drop_stmt().remove_type() != pg_query::OBJECT_INDEX || node.drop_stmt().concurrent())
    return;
  // An index of a table created in this file is not in use yet.
  for (const auto& object : node.drop_stmt().objects()) {
    if (!object.has_list()) continue;
    model::QualifiedName name = sql::NameOf(object.list().items(), "public");
    auto index = context.before.indexes.find(name);
    if (index != context.before.indexes.end() && !context.IsExistingTable(index->second.table)) return;
  }
  Finding f = self.NewFinding(context, "",
                              "DROP INDEX without CONCURRENTLY locks the table (ACCESS EXCLUSIVE): reads and writes "
                              "wait, and so does everything queued behind them.");
  f.explanation = "Lock: ACCESS EXCLUSIVE on the index's table. DROP INDEX CONCURRENTLY waits for running "
                  "transactions instead and blocks nobody; it must run outside a transaction block.";
  f.fix_sql = WithConcurrently(node);
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& RequireConcurrentDropIndexRule() {
  static const LintRule kRule{"migration/require-concurrent-drop-index",
                              "DROP INDEX without CONCURRENTLY locks the table", Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
