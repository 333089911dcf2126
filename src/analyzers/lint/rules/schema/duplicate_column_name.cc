// schema/duplicate-column-name: the same column named twice in one CREATE TABLE, view column list or UPDATE … SET.
// PostgreSQL rejects each ("column specified more than once", "multiple assignments to same column"), so the
// migration fails when it runs — better found in review.
#include <fmt/format.h>
#include <set>

#include "analyzers/lint/rules/rule_helpers.h"
#include "sql/ast.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const StatementContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  std::vector<std::string> names;
  std::string where;
  if (node.has_create_stmt()) {
    where = "CREATE TABLE";
    for (const auto& element : node.create_stmt().table_elts())
      if (element.has_column_def()) names.push_back(element.column_def().colname());
  } else if (node.has_view_stmt()) {
    where = "the view's column list";
    names = sql::StringList(node.view_stmt().aliases());
  } else if (node.has_update_stmt()) {
    where = "UPDATE … SET";
    for (const auto& target : node.update_stmt().target_list())
      if (target.has_res_target() && target.res_target().indirection().empty()) names.push_back(target.res_target().name());
  }
  std::set<std::string> seen, reported;
  for (const std::string& name : names) {
    if (seen.insert(name).second || !reported.insert(name).second) continue;
    Finding f = self.NewFinding(context, name,
                                fmt::format("Column {} appears more than once in {}: PostgreSQL rejects the statement.",
                                            name, where));
    f.explanation = "CREATE TABLE fails with \"column specified more than once\", UPDATE with \"multiple assignments "
                    "to same column\", CREATE VIEW with a duplicate column name error. Keep one of them.";
    out->push_back(std::move(f));
  }
}

}  // namespace

const LintRule& DuplicateColumnNameRule() {
  static const LintRule kRule{"schema/duplicate-column-name",
                              "Same column twice in CREATE TABLE, a view's column list or UPDATE … SET",
                              Severity::kError, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
