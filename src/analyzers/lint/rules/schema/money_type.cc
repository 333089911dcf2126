// schema/money-type: money depends on lc_monetary, has a fixed scale and no currency.
#include <fmt/format.h>

#include "analyzers/lint/rules/schema/column_type_rule.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  ForEachColumnOfType(
      context, [](const model::TypeName& t, const pg_query::ColumnDef&) { return t.name == "money"; },
      [&](const model::QualifiedName& table, const pg_query::ColumnDef& column, const model::TypeName&) {
        Finding f = self.NewFinding(context, table.ToString() + "." + column.colname(),
                                    fmt::format("Column {} uses the money type.", column.colname()));
        f.explanation = "money's input and output depend on the server's lc_monetary setting (a dump restored "
                        "elsewhere can change values' meaning), it has a fixed number of fraction digits and no "
                        "currency. Use numeric(p, s) — plus a currency column when there can be several.";
        out->push_back(std::move(f));
      });
}

}  // namespace

const LintRule& MoneyTypeRule() {
  static const LintRule kRule{"schema/money-type", "money type instead of numeric", Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
