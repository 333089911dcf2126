// schema/nullable-foreign-key: a foreign key column that allows NULL (an optional relationship).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "analyzers/schema/catalog_facts.h"
#include "analyzers/schema/schema_check.h"
#include "analyzers/sql_text.h"

namespace dbarch::analyzers::schema {

namespace {

bool ColumnNotNull(const model::Table& table, const std::string& column) {
  const model::Column* c = table.FindColumn(column);
  if (!c) return true;  // unknown column: nothing to say
  if (c->not_null || c->identity != model::IdentityKind::kNone) return true;
  const model::Constraint* pk = table.PrimaryKey();
  return pk && std::find(pk->columns.begin(), pk->columns.end(), column) != pk->columns.end();
}

// The online way to SET NOT NULL: a NOT VALID check is instant, VALIDATE scans under SHARE UPDATE
// EXCLUSIVE (writes continue), and PostgreSQL 12+ then skips SET NOT NULL's own full scan.
std::string NotNullFix(const model::Table& table, const std::vector<std::string>& columns) {
  std::string sql;
  for (const auto& column : columns) {
    std::string check_name = table.name.name + "_" + column + "_not_null";
    if (check_name.size() > 63) check_name.resize(63);  // NAMEDATALEN - 1, as PostgreSQL would truncate
    std::string check = model::QuoteIdent(check_name);
    std::string col = model::QuoteIdent(column);
    std::string t = table.name.ToSql();
    if (!sql.empty()) sql += "\n";
    sql += fmt::format(
        "ALTER TABLE {0} ADD CONSTRAINT {1} CHECK ({2} IS NOT NULL) NOT VALID;\n"
        "ALTER TABLE {0} VALIDATE CONSTRAINT {1};\n"
        "ALTER TABLE {0} ALTER COLUMN {2} SET NOT NULL;\n"
        "ALTER TABLE {0} DROP CONSTRAINT {1};",
        t, check, col);
  }
  return sql;
}

void Run(const SchemaCheck& self, const model::Catalog& catalog, Findings* out) {
  for (const auto& [name, table] : catalog.tables) {
    if (IsPartition(table) || table.kind == model::TableKind::kForeign) continue;
    for (const auto& fk : table.constraints) {
      if (fk.kind != model::ConstraintKind::kForeignKey) continue;
      // ON DELETE SET NULL needs the column to be nullable: the optionality is the design.
      if (fk.on_delete == model::ReferentialAction::kSetNull) continue;
      std::vector<std::string> nullable;
      for (const auto& c : fk.columns) {
        if (!ColumnNotNull(table, c)) nullable.push_back(c);
      }
      if (nullable.empty()) continue;
      Finding f = self.NewFinding(ColumnLocation(table, nullable[0]), ColumnsObject(name, nullable));
      f.message = fmt::format("Foreign key column{} {} of {} allow{} NULL: is the relationship to {} optional?",
                              nullable.size() > 1 ? "s" : "", fmt::join(nullable, ", "), name.ToString(),
                              nullable.size() > 1 ? "" : "s", fk.referenced_table.ToString());
      f.explanation = fmt::format(
          "A NULL in a foreign key column means \"no parent\": the constraint does not check the row at all{}. "
          "If every {} row must belong to a {} row, say so with NOT NULL, so bad inserts fail instead of "
          "creating orphans, and the planner knows joins on the column never lose rows to NULLs. If the "
          "relationship is optional by design (guest checkouts, unassigned items), ignore this finding. The "
          "fix is for when the data allows it (first check `SELECT count(*) FROM {} WHERE {} IS NULL` is 0): "
          "a CHECK … NOT VALID is added instantly, VALIDATE scans the table under SHARE UPDATE EXCLUSIVE "
          "(reads and writes continue), after which SET NOT NULL (PostgreSQL 12+) uses the validated check "
          "instead of a full scan under ACCESS EXCLUSIVE, and the helper check is dropped.",
          fk.columns.size() > 1 && fk.match_type != "FULL" ? " (with MATCH SIMPLE one NULL column disables the "
                                                             "check for the whole key)"
                                                           : "",
          name.ToString(), fk.referenced_table.ToString(), name.ToSql(), model::QuoteIdent(nullable[0]));
      f.evidence.push_back(fmt::format("{} FOREIGN KEY ({}) REFERENCES {} ON DELETE {}", fk.name,
                                       fmt::join(fk.columns, ", "), fk.referenced_table.ToString(),
                                       model::ReferentialActionSql(fk.on_delete)));
      f.fix_sql = NotNullFix(table, nullable);
      out->push_back(std::move(f));
    }
  }
}

}  // namespace

const SchemaCheck& NullableForeignKeyCheck() {
  static const SchemaCheck kCheck{"schema/nullable-foreign-key",
                                  "foreign key column that allows NULL (optional relationship — intended?)",
                                  Severity::kInfo, &Run};
  return kCheck;
}

}  // namespace dbarch::analyzers::schema
