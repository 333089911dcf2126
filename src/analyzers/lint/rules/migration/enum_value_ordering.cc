// migration/enum-value-ordering: ALTER TYPE … ADD VALUE without BEFORE/AFTER appends the value last. Enums sort by
// declaration order, so a value meant to sit between existing ones silently changes what `status < 'approved'`,
// ORDER BY status and range partitions on the enum select.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"
#include "sql/ast.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  if (!node.has_alter_enum_stmt()) return;
  const auto& stmt = node.alter_enum_stmt();
  if (stmt.new_val().empty() || !stmt.old_val().empty() || !stmt.new_val_neighbor().empty()) return;
  const std::string type = sql::JoinNames(stmt.type_name());
  Finding f = self.NewFinding(context, type,
                              fmt::format("'{}' is added at the end of enum {}: say where it belongs with BEFORE or "
                                          "AFTER.",
                                          stmt.new_val(), type));
  f.explanation = "Enum values compare in declaration order. Appending is right only if the new value really sorts "
                  "last; otherwise queries such as status < 'approved' or ORDER BY status start to include or order "
                  "it wrongly. State the position explicitly (ADD VALUE 'x' BEFORE 'y') so the intent is reviewed.";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& EnumValueOrderingRule() {
  static const LintRule kRule{"migration/enum-value-ordering", "ALTER TYPE … ADD VALUE without BEFORE or AFTER",
                              Severity::kInfo, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
