// schema/char-column: char(n) pads with blanks, compares ignoring them, and saves nothing over text.
#include <fmt/format.h>

#include "analyzers/lint/rules/schema/column_type_rule.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  ForEachColumnOfType(
      context, [](const model::TypeName& t, const pg_query::ColumnDef&) { return t.name == "character"; },
      [&](const model::QualifiedName& table, const pg_query::ColumnDef& column, const model::TypeName& type) {
        Finding f = self.NewFinding(context, table.ToString() + "." + column.colname(),
                                    fmt::format("Column {} is {}: blank-padded, and no faster or smaller than text.",
                                                column.colname(), type.ToSql()));
        f.explanation = "char(n) pads values with spaces, strips them again in comparisons and casts, and surprises "
                        "clients that see the padding. Use text (or varchar) with a CHECK on the length when a fixed "
                        "length is a rule (CHECK (char_length(code) = 2)).";
        out->push_back(std::move(f));
      });
}

}  // namespace

const LintRule& CharColumnRule() {
  static const LintRule kRule{"schema/char-column", "char(n) column instead of text", Severity::kInfo, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
