// migration/add-foreign-key-not-valid: adding a FOREIGN KEY to an existing table checks every row while holding
// SHARE ROW EXCLUSIVE on both tables; NOT VALID first and VALIDATE CONSTRAINT later avoids the long lock.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"

namespace dbarch::analyzers::lint {
namespace {

void Report(const LintRule& self, const LintContext& context, const model::QualifiedName& table,
            const std::string& name, Findings* out) {
  Finding f = self.NewFinding(context, table.ToString(),
                              fmt::format("Adding foreign key{} to existing table {} scans it while both tables are "
                                          "locked against writes.",
                                          name.empty() ? "" : " " + name, table.ToString()));
  f.explanation = "Lock: SHARE ROW EXCLUSIVE on the table and on the referenced table while every row is checked. "
                  "Add the constraint NOT VALID (a brief lock, no scan; new rows are checked), then run "
                  "ALTER TABLE … VALIDATE CONSTRAINT in a separate transaction: it scans under SHARE UPDATE "
                  "EXCLUSIVE, which does not block reads or writes.";
  out->push_back(std::move(f));
}

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  ForEachCommandOnExistingTable(context, [&](const model::QualifiedName& table, const pg_query::AlterTableCmd& command) {
    if (command.subtype() == pg_query::AT_AddConstraint && command.def().has_constraint()) {
      const auto& c = command.def().constraint();
      if (c.contype() == pg_query::CONSTR_FOREIGN && !c.skip_validation()) Report(self, context, table, c.conname(), out);
    }
    if (command.subtype() == pg_query::AT_AddColumn && command.def().has_column_def()) {
      const auto* fk = ColumnConstraint(command.def().column_def(), pg_query::CONSTR_FOREIGN);
      if (fk && !fk->skip_validation()) Report(self, context, table, fk->conname(), out);
    }
  });
}

}  // namespace

const LintRule& AddForeignKeyNotValidRule() {
  static const LintRule kRule{"migration/add-foreign-key-not-valid",
                              "FOREIGN KEY on an existing table without NOT VALID locks both tables during a scan",
                              Severity::kWarning, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
