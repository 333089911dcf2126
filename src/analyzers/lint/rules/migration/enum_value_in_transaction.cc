// migration/enum-value-in-transaction: ALTER TYPE … ADD VALUE inside a transaction block fails before PostgreSQL 12;
// from 12 on the new value cannot be used until the transaction commits.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  if (!node.has_alter_enum_stmt() || !context.file.in_transaction || node.alter_enum_stmt().new_val().empty()) return;
  if (!node.alter_enum_stmt().old_val().empty()) return;  // RENAME VALUE is transactional
  Finding f = self.NewFinding(
      context, "",
      context.pg_version < 12
          ? fmt::format("ALTER TYPE … ADD VALUE '{}' cannot run inside a transaction block before PostgreSQL 12.",
                        node.alter_enum_stmt().new_val())
          : fmt::format("Enum value '{}' is added inside a transaction: it cannot be used until the transaction "
                        "commits, so later statements of this migration that use it fail.",
                        node.alter_enum_stmt().new_val()));
  f.explanation = "Run ALTER TYPE … ADD VALUE in its own migration without a wrapping transaction, before the "
                  "migrations and code that use the value.";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& EnumValueInTransactionRule() {
  static const LintRule kRule{"migration/enum-value-in-transaction",
                              "ALTER TYPE … ADD VALUE inside a transaction block", Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
