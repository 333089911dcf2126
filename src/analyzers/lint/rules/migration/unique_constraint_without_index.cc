// migration/unique-constraint-without-index: ADD CONSTRAINT … UNIQUE / PRIMARY KEY on an existing table builds
// its index while holding ACCESS EXCLUSIVE; build it CONCURRENTLY first and attach it with USING INDEX.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"
#include "analyzers/sql_text.h"
#include "sql/ast.h"

namespace dbarch::analyzers::lint {
namespace {

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  ForEachCommandOnExistingTable(context, [&](const model::QualifiedName& table, const pg_query::AlterTableCmd& command) {
    // ADD COLUMN … UNIQUE / PRIMARY KEY builds the same index, under the same lock, as ADD CONSTRAINT.
    if (command.subtype() == pg_query::AT_AddColumn && command.def().has_column_def()) {
      const auto& column = command.def().column_def();
      const pg_query::Constraint* inline_key = ColumnConstraint(column, pg_query::CONSTR_PRIMARY);
      if (!inline_key) inline_key = ColumnConstraint(column, pg_query::CONSTR_UNIQUE);
      if (!inline_key) return;
      const bool primary = inline_key->contype() == pg_query::CONSTR_PRIMARY;
      Finding f = self.NewFinding(context, table.ToString() + "." + column.colname(),
                                  fmt::format("Adding column {} with {} to existing table {} builds its unique index "
                                              "while the table is locked for reads and writes.",
                                              column.colname(), primary ? "PRIMARY KEY" : "UNIQUE", table.ToString()));
      f.explanation = "Lock: ACCESS EXCLUSIVE for the whole index build. Add the column without the constraint, build "
                      "the index with CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT … USING INDEX, which only "
                      "takes a brief lock.";
      out->push_back(std::move(f));
      return;
    }
    if (command.subtype() != pg_query::AT_AddConstraint || !command.def().has_constraint()) return;
    const auto& c = command.def().constraint();
    if (c.contype() != pg_query::CONSTR_UNIQUE && c.contype() != pg_query::CONSTR_PRIMARY) return;
    if (!c.indexname().empty()) return;  // USING INDEX: already built
    const bool primary = c.contype() == pg_query::CONSTR_PRIMARY;
    const std::vector<std::string> columns = sql::StringList(c.keys());
    const std::string name = c.conname().empty() ? table.name + (primary ? "_pkey" : "_key") : c.conname();
    Finding f = self.NewFinding(context, table.ToString(),
                                fmt::format("Adding {} ({}) to existing table {} builds its unique index while the "
                                            "table is locked for reads and writes.",
                                            primary ? "PRIMARY KEY" : "UNIQUE", ColumnListSql(columns), table.ToString()));
    f.explanation = "Lock: ACCESS EXCLUSIVE for the whole index build. Build the index with CREATE UNIQUE INDEX "
                    "CONCURRENTLY (no write lock), then ADD CONSTRAINT … USING INDEX, which only takes a brief lock." +
                    std::string(primary ? " For a PRIMARY KEY the columns must already be NOT NULL (see "
                                          "migration/set-not-null)."
                                        : "");
    if (!columns.empty()) {
      f.fix_sql = fmt::format("CREATE UNIQUE INDEX CONCURRENTLY {} ON {} ({});\nALTER TABLE {} ADD CONSTRAINT {} {} "
                              "USING INDEX {};",
                              model::QuoteIdent(name), table.ToSql(), ColumnListSql(columns), table.ToSql(),
                              model::QuoteIdent(name), primary ? "PRIMARY KEY" : "UNIQUE", model::QuoteIdent(name));
    }
    out->push_back(std::move(f));
  });
}

}  // namespace

const LintRule& UniqueConstraintWithoutIndexRule() {
  static const LintRule kRule{"migration/unique-constraint-without-index",
                              "UNIQUE or PRIMARY KEY added to an existing table builds its index under lock",
                              Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
