// schema/prefer-bigint: a key column (primary key, `id`, `<x>_id`, or REFERENCES) declared integer or smallint.
// Keys only grow; widening one later is a rewrite of the table, its indexes and every referencing column.
// Generated (serial/identity) primary keys are left to schema/integer-primary-key, which judges the whole schema.
#include <fmt/format.h>
#include <set>

#include "analyzers/lint/rules/schema/column_type_rule.h"

namespace dbarch::analyzers::lint {
namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Columns a CREATE TABLE's table-level PRIMARY KEY constraint lists.
std::set<std::string> TablePrimaryKey(const pg_query::Node& node) {
  std::set<std::string> out;
  if (!node.has_create_stmt()) return out;
  for (const auto& element : node.create_stmt().table_elts()) {
    if (!element.has_constraint() || element.constraint().contype() != pg_query::CONSTR_PRIMARY) continue;
    for (const auto& key : sql::StringList(element.constraint().keys())) out.insert(key);
  }
  return out;
}

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  const std::set<std::string> table_pk = TablePrimaryKey(context.statement.node);
  ForEachColumnOfType(
      context,
      [](const model::TypeName& type, const pg_query::ColumnDef&) {
        return type.array_dims == 0 && (type.name == "integer" || type.name == "smallint");
      },
      [&](const model::QualifiedName& table, const pg_query::ColumnDef& column, const model::TypeName& type) {
        const std::string& name = column.colname();
        const bool primary = table_pk.count(name) || ColumnConstraint(column, pg_query::CONSTR_PRIMARY);
        const bool generated = sql::SerialBaseType(column.type_name()) || ColumnConstraint(column, pg_query::CONSTR_IDENTITY);
        if (primary && generated) return;  // schema/integer-primary-key
        const bool references = ColumnConstraint(column, pg_query::CONSTR_FOREIGN) != nullptr;
        if (!primary && !references && name != "id" && !EndsWith(name, "_id")) return;
        const bool small = type.name == "smallint";
        Finding f = self.NewFinding(context, table.ToString() + "." + name,
                                    fmt::format("Key column {}.{} is {}: it overflows at {}; use bigint.",
                                                table.ToString(), name, type.name, small ? "32 767" : "2 147 483 647"));
        f.explanation = "Identifiers only grow (and sequences skip values on rollback). When the limit is reached every "
                        "INSERT fails, and the fix — ALTER COLUMN … TYPE bigint — rewrites the table and its indexes "
                        "under ACCESS EXCLUSIVE, plus every column that references it. bigint costs 4 bytes more per "
                        "row and index entry, far less than that migration.";
        out->push_back(std::move(f));
      });
}

}  // namespace

const LintRule& PreferBigintRule() {
  static const LintRule kRule{"schema/prefer-bigint", "integer or smallint key column (use bigint)", Severity::kWarning,
                              &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
