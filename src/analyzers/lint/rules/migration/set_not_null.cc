// migration/set-not-null: ALTER COLUMN … SET NOT NULL on an existing table scans it under ACCESS EXCLUSIVE,
// unless (PostgreSQL 12+) a validated CHECK (col IS NOT NULL) already proves it.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

bool ProvenByCheck(const model::Table& table, const std::string& column) {
  for (const auto& c : table.constraints) {
    if (c.kind != model::ConstraintKind::kCheck || c.not_valid) continue;
    std::string expr = c.check_expr;
    if (expr.find(column) != std::string::npos && expr.find("IS NOT NULL") != std::string::npos &&
        expr.find(" OR ") == std::string::npos)
      return true;
  }
  return false;
}

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  ForEachCommandOnExistingTable(context, [&](const model::QualifiedName& table, const pg_query::AlterTableCmd& command) {
    const model::Table* definition = context.before.FindTable(table);
    if (command.subtype() != pg_query::AT_SetNotNull) return;
    if (context.pg_version >= 12 && ProvenByCheck(*definition, command.name())) return;
    Finding f = self.NewFinding(context, table.ToString() + "." + command.name(),
                                fmt::format("SET NOT NULL on {}.{} scans the whole table under ACCESS EXCLUSIVE.",
                                            table.ToString(), command.name()));
    f.explanation = context.pg_version >= 12
                        ? "Lock: ACCESS EXCLUSIVE during a full scan. On PostgreSQL 12+ first add CHECK (col IS NOT "
                          "NULL) NOT VALID, VALIDATE it (no blocking lock), then SET NOT NULL uses the constraint "
                          "and skips the scan; drop the CHECK afterwards."
                        : "Lock: ACCESS EXCLUSIVE during a full scan. Before PostgreSQL 12 there is no way around "
                          "the scan; a validated CHECK (col IS NOT NULL) NOT VALID constraint gives the same "
                          "guarantee without it.";
    out->push_back(std::move(f));
  });
}

}  // namespace

const LintRule& SetNotNullRule() {
  static const LintRule kRule{"migration/set-not-null",
                              "SET NOT NULL on an existing table scans it under ACCESS EXCLUSIVE", Severity::kWarning,
                              &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
