// schema/polymorphic-association: <x>_type + <x>_id columns point at rows of several tables, which no foreign
// key can check.
#include <fmt/format.h>

#include <set>

#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  if (!context.statement.node.has_create_stmt()) return;
  model::QualifiedName table;
  std::set<std::string> names;
  std::set<std::string> with_fk;
  for (const pg_query::ColumnDef* column : DefinedColumns(context, &table)) {
    names.insert(column->colname());
    if (ColumnConstraint(*column, pg_query::CONSTR_FOREIGN)) with_fk.insert(column->colname());
  }
  for (const auto& name : names) {
    if (name.size() <= 5 || name.substr(name.size() - 5) != "_type") continue;
    const std::string stem = name.substr(0, name.size() - 5);
    const std::string id = stem + "_id";
    if (!names.count(id) || with_fk.count(id)) continue;
    Finding f = self.NewFinding(context, table.ToString() + "." + id,
                                fmt::format("{} and {} form a polymorphic reference: {} can point into any table, and "
                                            "no foreign key checks it.",
                                            name, id, id));
    f.explanation = "Nothing stops a dangling reference or a typo in the type, deletes do not cascade, and joins "
                    "need a CASE per type. Use one nullable foreign-key column per target table with a CHECK that "
                    "exactly one is set, or a shared parent table that every target references.";
    out->push_back(std::move(f));
  }
}

}  // namespace

const LintRule& PolymorphicAssociationRule() {
  static const LintRule kRule{"schema/polymorphic-association", "<x>_type + <x>_id reference without a foreign key",
                              Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
