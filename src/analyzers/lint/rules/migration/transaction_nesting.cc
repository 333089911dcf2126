// migration/transaction-nesting: BEGIN inside an open transaction, or COMMIT/ROLLBACK with none open. PostgreSQL
// has one transaction per session: the inner BEGIN only warns and the first COMMIT ends everything, so statements
// the author meant to be atomic are not (and a migration tool's own wrapping transaction is committed early).
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  if (!node.has_transaction_stmt()) return;
  const auto kind = node.transaction_stmt().kind();
  const bool begins = kind == pg_query::TRANS_STMT_BEGIN || kind == pg_query::TRANS_STMT_START;
  const bool ends = kind == pg_query::TRANS_STMT_COMMIT || kind == pg_query::TRANS_STMT_ROLLBACK;
  if (begins && context.file.in_transaction) {
    Finding f = self.NewFinding(context, "",
                                "BEGIN inside a transaction that is already open: PostgreSQL does not nest "
                                "transactions, so this BEGIN is ignored (with a warning) and the next COMMIT ends the "
                                "outer transaction too.");
    f.explanation = "Statements after that COMMIT run outside any transaction: a failure leaves the migration half "
                    "applied. Use SAVEPOINT for a nested unit, or remove the inner BEGIN/COMMIT pair.";
    out->push_back(std::move(f));
  } else if (ends && !context.file.in_transaction) {
    Finding f = self.NewFinding(context, "",
                                fmt::format("{} without a BEGIN in this file: it ends a transaction the file did not "
                                            "open (a migration tool's wrapping transaction) or does nothing but warn.",
                                            kind == pg_query::TRANS_STMT_COMMIT ? "COMMIT" : "ROLLBACK"));
    f.explanation = "If the migration tool wraps each file in a transaction, this commits its transaction early and "
                    "the rest of the file is no longer atomic. Remove it, or pair it with a BEGIN in this file and "
                    "turn the tool's wrapping off for it.";
    out->push_back(std::move(f));
  }
}

}  // namespace

const LintRule& TransactionNestingRule() {
  static const LintRule kRule{"migration/transaction-nesting", "BEGIN inside a transaction, or COMMIT without one",
                              Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
