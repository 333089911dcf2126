// The one list of lint rules. A new rule: a file in rules/<category>/ (copy a neighbour), its accessor in
// rules/rules.h, a line here, docs/rules/<id>.md and tests/fixtures/rules/<id>.sql (docs/lint.md has the recipe).
#include "analyzers/lint/rules/rules.h"

namespace dbarch::analyzers::lint {

const std::vector<const LintRule*>& AllLintRules() {
  static const std::vector<const LintRule*> kRules = {
      &RequireConcurrentIndexRule(),
      &RequireConcurrentDropIndexRule(),
      &ConcurrentlyInTransactionRule(),
      &AddForeignKeyNotValidRule(),
      &AddCheckNotValidRule(),
      &SetNotNullRule(),
      &UniqueConstraintWithoutIndexRule(),
      &VolatileDefaultRule(),
      &AddNotNullColumnWithoutDefaultRule(),
      &ChangeColumnTypeRule(),
      &RenameColumnRule(),
      &RenameTableRule(),
      &DropColumnRule(),
      &DropTableRule(),
      &TruncateTableRule(),
      &RequireLockTimeoutRule(),
      &BackfillInDdlTransactionRule(),
      &EnumValueInTransactionRule(),
      &ManyAlterSubcommandsRule(),
      &VacuumFullRule(),
      &ClusterRule(),
      &ReindexWithoutConcurrentlyRule(),
  };
  return kRules;
}

const LintRule* FindLintRule(std::string_view id) {
  for (const LintRule* rule : AllLintRules()) {
    if (rule->id == id) return rule;
  }
  return nullptr;
}

}  // namespace dbarch::analyzers::lint
