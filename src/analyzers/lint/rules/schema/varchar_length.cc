// schema/varchar-length: varchar(n) with an arbitrary-looking limit (255, 100…) is a constraint nobody chose.
#include <fmt/format.h>

#include "analyzers/lint/rules/schema/column_type_rule.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  ForEachColumnOfType(
      context,
      [](const model::TypeName& t, const pg_query::ColumnDef&) {
        return t.name == "character varying" && !t.modifiers.empty();
      },
      [&](const model::QualifiedName& table, const pg_query::ColumnDef& column, const model::TypeName& type) {
        Finding f = self.NewFinding(context, table.ToString() + "." + column.colname(),
                                    fmt::format("Column {} is {}: a length limit with no performance benefit.",
                                                column.colname(), type.ToSql()));
        f.explanation = "In PostgreSQL varchar(n) and text are stored alike; the limit only rejects longer values, and "
                        "raising it later needs an ALTER (cheap since 9.2, but a migration). If the length is a real "
                        "business rule keep it (or use text with a CHECK); otherwise use text.";
        out->push_back(std::move(f));
      });
}

}  // namespace

const LintRule& VarcharLengthRule() {
  static const LintRule kRule{"schema/varchar-length", "varchar(n) with a limit instead of text", Severity::kInfo,
                              &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
