// schema/missing-on-delete: a foreign key without an explicit ON DELETE leaves the behaviour to the default
// (NO ACTION), which is often not what the data model means.
#include <fmt/format.h>

#include "analyzers/lint/rules/rule_helpers.h"
#include "sql/ast.h"

namespace dbarch::analyzers::lint {
namespace {

void Report(const LintRule& self, const LintContext& context, const model::QualifiedName& table,
            const pg_query::Constraint& fk, const std::string& column, Findings* out) {
  if (fk.fk_del_action() != "a" && !fk.fk_del_action().empty()) return;  // 'a' = NO ACTION (the default)
  // NO ACTION written explicitly is a decision; the parse tree cannot tell, so look at the text.
  std::string text = context.statement.text;
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (text.find("ON DELETE") != std::string::npos) return;
  const std::string referenced = fk.has_pktable() ? sql::NameOf(fk.pktable(), "public").ToString() : "?";
  Finding f = self.NewFinding(context, table.ToString() + (column.empty() ? "" : "." + column),
                              fmt::format("Foreign key from {} to {} has no ON DELETE: deleting a referenced row fails "
                                          "while rows point to it.",
                                          table.ToString(), referenced));
  f.explanation = "Say what deleting the parent means: ON DELETE CASCADE (the children are part of it), SET NULL "
                  "(optional link), RESTRICT/NO ACTION (forbid — written, so readers know it was chosen). Note that "
                  "CASCADE and SET NULL need an index on the referencing columns.";
  out->push_back(std::move(f));
}

void Check(const LintRule& self, const LintContext& context, Findings* out) {
  const pg_query::Node& node = context.statement.node;
  if (node.has_create_stmt()) {
    const model::QualifiedName table = context.Resolve(node.create_stmt().relation());
    for (const auto& element : node.create_stmt().table_elts()) {
      if (element.has_constraint() && element.constraint().contype() == pg_query::CONSTR_FOREIGN)
        Report(self, context, table, element.constraint(), "", out);
      if (element.has_column_def()) {
        if (const auto* fk = ColumnConstraint(element.column_def(), pg_query::CONSTR_FOREIGN))
          Report(self, context, table, *fk, element.column_def().colname(), out);
      }
    }
    return;
  }
  for (const auto* cmd : AlterTableCommands(node)) {
    const model::QualifiedName table = AlterTableTarget(context);
    if (cmd->subtype() == pg_query::AT_AddConstraint && cmd->def().has_constraint() &&
        cmd->def().constraint().contype() == pg_query::CONSTR_FOREIGN)
      Report(self, context, table, cmd->def().constraint(), "", out);
    if (cmd->subtype() == pg_query::AT_AddColumn && cmd->def().has_column_def()) {
      if (const auto* fk = ColumnConstraint(cmd->def().column_def(), pg_query::CONSTR_FOREIGN))
        Report(self, context, table, *fk, cmd->def().column_def().colname(), out);
    }
  }
}

}  // namespace

const LintRule& MissingOnDeleteRule() {
  static const LintRule kRule{"schema/missing-on-delete", "Foreign key without an explicit ON DELETE",
                              Severity::kInfo, &Check};
  return kRule;
}

}  // namespace dbarch::analyzers::lint
