// schema/enum-lookup: an enum type with many values. Enums suit small, stable sets that code switches on (a
// status); a long list is reference data — values cannot be removed or renamed per row, carry no attributes, and
// each change is a migration — so a lookup table referenced by a foreign key serves it better.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"
#include "sql/ast.h"

namespace dbarch::analyzers::lint {
namespace {

constexpr int kMaxEnumValues = 12;

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  if (!node.has_create_enum_stmt()) return;
  const int values = node.create_enum_stmt().vals_size();
  if (values <= kMaxEnumValues) return;
  const std::string name = sql::JoinNames(node.create_enum_stmt().type_name());
  Finding f = self.NewFinding(context, name,
                              fmt::format("Enum {} has {} values: that looks like reference data, which a lookup "
                                          "table holds better.",
                                          name, values));
  f.explanation = "An enum value cannot be dropped, ALTER TYPE … ADD VALUE is a migration (and cannot be used in the "
                  "transaction that adds it), and values carry no attributes (a label, an order, an active flag). A "
                  "lookup table (code text PRIMARY KEY, label text, …) referenced by a foreign key changes with an "
                  "INSERT. Keep enums for short sets the code branches on.";
  out->push_back(std::move(f));
}

}  // namespace

const LintRule& EnumLookupRule() {
  static const LintRule kRule{"schema/enum-lookup", "Enum with more than 12 values (use a lookup table)", Severity::kInfo,
                              &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
