// migration/concurrently-in-transaction: CREATE/DROP INDEX CONCURRENTLY and REINDEX CONCURRENTLY fail inside a
// transaction block ("cannot run inside a transaction block"), so the migration cannot apply as written.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

bool Concurrent(const pg_query::Node& node) {
  if (node.has_index_stmt()) return node.index_stmt().concurrent();
  if (node.has_drop_stmt()) return node.drop_stmt().concurrent();
  if (node.has_reindex_stmt()) {
    for (const auto& option : node.reindex_stmt().params()) {
      if (option.has_def_elem() && option.def_elem().defname() == "concurrently") return true;
    }
  }
  return false;
}

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  if (!context.file.in_transaction || !Concurrent(context.statement.node)) return;
  Finding f = self.NewFinding(context, "",
                              "CONCURRENTLY cannot run inside a transaction block: this statement fails between "
                              "BEGIN and COMMIT.");
  f.explanation = "PostgreSQL builds or drops the index concurrently in several transactions of its own, so it "
                  "refuses to run inside one. Move the statement out of the BEGIN … COMMIT block (most migration "
                  "tools have a per-migration switch to disable the wrapping transaction).";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& ConcurrentlyInTransactionRule() {
  static const LintRule kRule{"migration/concurrently-in-transaction",
                              "CONCURRENTLY inside a transaction block fails", Severity::kError, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
