// migration/backfill-in-ddl-transaction: rows written in the same transaction as schema changes keep the DDL's
// locks for as long as the backfill runs.
#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  const bool writes = node.has_update_stmt() || node.has_delete_stmt() ||
                      (node.has_insert_stmt() && node.insert_stmt().has_select_stmt() &&
                       node.insert_stmt().select_stmt().select_stmt().values_lists_size() == 0);
  if (!writes || !context.file.in_transaction || !context.file.transaction_has_ddl) return;
  Finding f = self.NewFinding(context, "",
                              "Data is backfilled in the same transaction as schema changes: the locks the DDL took "
                              "are held until the backfill finishes.");
  f.explanation = "A DDL statement's lock (often ACCESS EXCLUSIVE) lasts until COMMIT. Commit the schema change "
                  "first, then backfill in batches (e.g. 1 000–10 000 rows per transaction, with a pause) in a "
                  "separate migration or job.";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& BackfillInDdlTransactionRule() {
  static const LintRule kRule{"migration/backfill-in-ddl-transaction",
                              "UPDATE/DELETE/INSERT … SELECT in the same transaction as DDL", Severity::kWarning,
                              &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
