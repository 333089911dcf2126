// query/missing-where: UPDATE or DELETE without WHERE changes every row of the table.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  std::string verb;
  const pg_query::RangeVar* relation = nullptr;
  if (node.has_update_stmt() && !node.update_stmt().has_where_clause() && node.update_stmt().from_clause().empty()) {
    verb = "UPDATE";
    relation = &node.update_stmt().relation();
  } else if (node.has_delete_stmt() && !node.delete_stmt().has_where_clause() && node.delete_stmt().using_clause().empty()) {
    verb = "DELETE";
    relation = &node.delete_stmt().relation();
  }
  if (!relation) return;
  const model::QualifiedName table = context.Resolve(*relation);
  // A table created in the same file is being filled, not changed.
  if (context.created_tables.count(table)) return;
  Finding f = self.NewFinding(context, table.ToString(),
                              fmt::format("{} without WHERE changes every row of {}.", verb, table.ToString()));
  f.explanation = "If that is the intent, say so (WHERE true, or a dbarch: ignore comment); on a large table do it "
                  "in batches so locks and WAL stay small and replicas keep up.";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& MissingWhereRule() {
  static const LintRule kRule{"query/missing-where", "UPDATE or DELETE without WHERE", Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
