// migration/prefer-robust-stmts (opt-in): in a file that runs outside a transaction, a statement that fails when
// re-run (CREATE without IF NOT EXISTS, DROP without IF EXISTS). If such a migration stops half way — a lock
// timeout, a failed CONCURRENTLY build — it cannot simply be run again. Opt-in because most migration tools wrap
// each file in a transaction, which makes the file atomic and the rule moot; dbarch cannot see that wrapping.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"
#include "sql/ast.h"

namespace dbarch::analyzers::lint {
namespace {

void Report(const LintRule& self, const StatementContext& context, const std::string& what, const std::string& clause,
            Findings* out) {
  Finding f = self.NewFinding(context, "",
                              fmt::format("{} without {}: the migration cannot be re-run if it fails part way through.",
                                          what, clause));
  f.explanation = "This file runs outside a transaction (no BEGIN), so statements before a failure stay applied. "
                  "Written with IF [NOT] EXISTS, the whole file can simply be run again after the cause is fixed. "
                  "(An index left INVALID by a failed CREATE INDEX CONCURRENTLY must be dropped first.)";
  out->push_back(std::move(f));
}

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  // CREATE INDEX CONCURRENTLY never runs in a transaction, so it is judged even inside one (where it fails anyway).
  if (node.has_index_stmt()) {
    const auto& index = node.index_stmt();
    if (index.if_not_exists() || (context.file.in_transaction && !index.concurrent())) return;
    Report(self, context, index.idxname().empty() ? "CREATE INDEX without a name" : "CREATE INDEX",
           index.idxname().empty() ? "a name and IF NOT EXISTS" : "IF NOT EXISTS", out);
    return;
  }
  if (context.file.in_transaction) return;
  if (node.has_create_stmt()) {
    const auto& create = node.create_stmt();
    const bool dropped_at_commit = create.relation().relpersistence() == "t" &&
                                   create.oncommit() == pg_query::ONCOMMIT_DROP;
    if (!create.if_not_exists() && !dropped_at_commit) Report(self, context, "CREATE TABLE", "IF NOT EXISTS", out);
    return;
  }
  if (node.has_drop_stmt()) {
    const auto& drop = node.drop_stmt();
    const auto type = drop.remove_type();
    if (drop.missing_ok()) return;
    if (type == pg_query::OBJECT_TABLE) Report(self, context, "DROP TABLE", "IF EXISTS", out);
    else if (type == pg_query::OBJECT_INDEX) Report(self, context, "DROP INDEX", "IF EXISTS", out);
    else if (type == pg_query::OBJECT_TYPE) Report(self, context, "DROP TYPE", "IF EXISTS", out);
    return;
  }
  // ALTER TABLE: ADD COLUMN / DROP COLUMN / DROP CONSTRAINT have IF [NOT] EXISTS forms (ADD CONSTRAINT has none:
  // the robust idiom is DROP CONSTRAINT IF EXISTS before it, which this accepts).
  for (const auto* command : AlterTableCommands(node)) {
    switch (command->subtype()) {
      case pg_query::AT_AddColumn:
        if (!command->missing_ok()) Report(self, context, "ADD COLUMN", "IF NOT EXISTS", out);
        break;
      case pg_query::AT_DropColumn:
        if (!command->missing_ok()) Report(self, context, "DROP COLUMN", "IF EXISTS", out);
        break;
      case pg_query::AT_DropConstraint:
        if (!command->missing_ok()) Report(self, context, "DROP CONSTRAINT", "IF EXISTS", out);
        break;
      default:
        break;
    }
  }
}

}  // namespace

const LintRule& PreferRobustStmtsRule() {
  static const LintRule kRule{"migration/prefer-robust-stmts",
                              "Outside a transaction: CREATE/DROP/ADD without IF [NOT] EXISTS (opt-in)",
                              Severity::kInfo, &Check, nullptr, nullptr, /*opt_in=*/true};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
