// migration/detach-partition-concurrently: ALTER TABLE … DETACH PARTITION without CONCURRENTLY takes ACCESS
// EXCLUSIVE on the partitioned table, blocking every query on all partitions; PostgreSQL 14+ can detach with only
// SHARE UPDATE EXCLUSIVE.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"
#include "sql/ast.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  if (context.pg_version < 14) return;  // no CONCURRENTLY before 14: nothing better to suggest
  ForEachCommandOnExistingTable(context, [&](const model::QualifiedName& table, const pg_query::AlterTableCmd& command) {
    if (command.subtype() != pg_query::AT_DetachPartition || !command.def().has_partition_cmd()) return;
    const auto& partition = command.def().partition_cmd();
    if (partition.concurrent()) return;
    const std::string name = sql::NameOf(partition.name()).ToString();
    Finding f = self.NewFinding(context, table.ToString(),
                                fmt::format("DETACH PARTITION {} without CONCURRENTLY blocks all reads and writes of "
                                            "{} (ACCESS EXCLUSIVE) until it finishes.",
                                            name, table.ToString()));
    f.explanation = "PostgreSQL 14+ detaches CONCURRENTLY under SHARE UPDATE EXCLUSIVE, in two transactions; it must "
                    "run outside a transaction block and not on a table with a default partition.";
    f.fix_sql = fmt::format("ALTER TABLE {} DETACH PARTITION {} CONCURRENTLY;", table.ToSql(), sql::NameOf(partition.name()).ToSql());
    out->push_back(std::move(f));
  });
}

}  // namespace

const LintRule& DetachPartitionConcurrentlyRule() {
  static const LintRule kRule{"migration/detach-partition-concurrently",
                              "DETACH PARTITION without CONCURRENTLY locks the partitioned table (PostgreSQL 14+)",
                              Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
