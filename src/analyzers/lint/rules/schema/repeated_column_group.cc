// schema/repeated-column-group: phone1, phone2, phone3 — a repeating group in one row (a 1NF violation).
#include <fmt/format.h>

#include <map>

#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  if (!context.statement.node.has_create_stmt()) return;
  model::QualifiedName table;
  std::map<std::string, std::vector<std::string>> groups;  // stem → columns
  for (const pg_query::ColumnDef* column : DefinedColumns(context, &table)) {
    const std::string& name = column->colname();
    size_t digits = name.size();
    while (digits > 0 && std::isdigit(static_cast<unsigned char>(name[digits - 1]))) --digits;
    if (digits == name.size() || digits == 0) continue;
    std::string stem = name.substr(0, digits);
    if (!stem.empty() && stem.back() == '_') stem.pop_back();
    groups[stem].push_back(name);
  }
  for (const auto& [stem, columns] : groups) {
    if (columns.size() < 2) continue;
    std::string list;
    for (const auto& c : columns) list += (list.empty() ? "" : ", ") + c;
    Finding f = self.NewFinding(context, table.ToString(),
                                fmt::format("Columns {} repeat one attribute ({}) in numbered copies.", list, stem));
    f.explanation = "A repeating group (first normal form): a fourth value needs a schema change, queries must test "
                    "every copy, and none can be indexed as one. Move the values to a child table (one row per "
                    "value, with its position if the order matters).";
    out->push_back(std::move(f));
  }
}

}  // namespace

const LintRule& RepeatedColumnGroupRule() {
  static const LintRule kRule{"schema/repeated-column-group", "Numbered copies of one column (phone1, phone2…)",
                              Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
