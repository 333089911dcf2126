// migration/require-lock-timeout: a statement that needs a strong lock on an existing table, in a file that never
// set lock_timeout, can wait behind a long transaction — and every query queued behind it waits too.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"
#include "sql/ast.h"

namespace dbarch::analyzers::lint {
namespace {

// The existing table a statement locks in a mode that conflicts with ordinary reads or writes.
std::optional<model::QualifiedName> LockedTable(const LintContext& context) {
  const pg_query::Node& node = context.statement.node;
  std::optional<model::QualifiedName> table;
  if (node.has_alter_table_stmt() && node.alter_table_stmt().objtype() == pg_query::OBJECT_TABLE) {
    table = context.Resolve(node.alter_table_stmt().relation());
  } else if (node.has_index_stmt() && !node.index_stmt().concurrent()) {
    table = context.Resolve(node.index_stmt().relation());
  } else if (node.has_rename_stmt() && node.rename_stmt().has_relation()) {
    table = context.Resolve(node.rename_stmt().relation());
  } else if (node.has_create_trig_stmt()) {
    table = context.Resolve(node.create_trig_stmt().relation());
  } else if (node.has_drop_stmt() && !node.drop_stmt().concurrent() &&
             node.drop_stmt().remove_type() == pg_query::OBJECT_TABLE) {
    for (const auto& object : node.drop_stmt().objects()) {
      if (object.has_list()) table = sql::NameOf(object.list().items(), "public");
    }
  }
  if (table && context.IsExistingTable(*table)) return table;
  return std::nullopt;
}

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  if (context.file.lock_timeout_set) return;
  auto table = LockedTable(context);
  if (!table) return;
  Finding f = self.NewFinding(context, table->ToString(),
                              fmt::format("No lock_timeout is set before this statement locks {}: if a long "
                                          "transaction holds the table, the migration waits and every query on {} "
                                          "queues behind it.",
                                          table->ToString(), table->name));
  f.explanation = "Lock requests queue in order: while this statement waits for its lock, later reads and writes of "
                  "the table wait behind it, which looks like an outage. SET lock_timeout = '5s' (and retry the "
                  "migration) makes it give up quickly instead.";
  f.fix_sql = "SET lock_timeout = '5s';";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& RequireLockTimeoutRule() {
  static const LintRule kRule{"migration/require-lock-timeout",
                              "Locking DDL on an existing table without lock_timeout set", Severity::kInfo, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
