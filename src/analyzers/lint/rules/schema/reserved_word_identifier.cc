// schema/reserved-word-identifier: tables or columns named with SQL keywords (user, order, group…) must be quoted
// everywhere, forever.
#include <fmt/format.h>

#include <set>

#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

// PostgreSQL's reserved keywords (and the non-reserved ones that commonly bite as identifiers).
bool Reserved(const std::string& name) {
  static const std::set<std::string> kWords = {
      "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast", "check",
      "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role", "current_time",
      "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except",
      "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into",
      "lateral", "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or",
      "order", "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric",
      "system_user", "table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when",
      "where", "window", "with"};
  return kWords.count(name) > 0;
}

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  model::QualifiedName table;
  const auto columns = DefinedColumns(context, &table);
  std::vector<std::string> bad;
  if (context.statement.node.has_create_stmt() && Reserved(table.name)) bad.push_back("table " + table.name);
  for (const auto* column : columns)
    if (Reserved(column->colname())) bad.push_back("column " + column->colname());
  for (const auto& what : bad) {
    Finding f = self.NewFinding(context, table.ToString(),
                                fmt::format("The {} is an SQL reserved word: every query must quote it.", what));
    f.explanation = "Unquoted, the name is a syntax error (SELECT user FROM … even returns the current role). Rename "
                    "it (users, sort_order, user_group…) while it is cheap.";
    out->push_back(std::move(f));
  }
}

}  // namespace

const LintRule& ReservedWordIdentifierRule() {
  static const LintRule kRule{"schema/reserved-word-identifier", "Table or column named with an SQL reserved word",
                              Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
