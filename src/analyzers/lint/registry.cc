// The one list of lint rules. A new rule: a file in rules/<category>/ (copy a neighbour), its accessor in
// rules/rules.h, a line here, docs/rules/<id>.md and tests/fixtures/rules/<id>.sql (docs/lint.md has the recipe).
#include "analyzers/lint/rules/rules.h"
#include "analyzers/schema/schema_check.h"
#include "analyzers/schema_checks.h"

namespace dbarch::analyzers::lint {

namespace {

// The report's schema checks, run by lint on the schema the files build.
void RunSchemaCheck(const LintRule& self, const model::Catalog& catalog, Findings* out) {
  for (const schema::SchemaCheck* check : AllSchemaChecks()) {
    if (check->id == self.id) check->run(*check, catalog, out);
  }
}

std::vector<const LintRule*> Rules() {
  std::vector<const LintRule*> rules = {
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
      &DropDatabaseRule(),
      &TransactionNestingRule(),
      &UncommittedTransactionRule(),
      &DomainConstraintRule(),
      &DropNotNullRule(),
      &DetachPartitionConcurrentlyRule(),
      &EnumValueOrderingRule(),
      &ValidateInSameTransactionRule(),
      &RequireStatementTimeoutRule(),
      &PreferRobustStmtsRule(),
      &SelectStarRule(),
      &NotInSubqueryRule(),
      &OffsetPaginationRule(),
      &LeadingWildcardLikeRule(),
      &OrderByRandomRule(),
      &MissingWhereRule(),
      &CompareWithNullRule(),
      &LargeInListRule(),
      &CountForExistenceRule(),
      &CorrelatedSubqueryRule(),
      &ImplicitCrossJoinRule(),
      &OrAcrossColumnsRule(),
      &DistinctWithJoinRule(),
      &NonSargablePredicateRule(),
      &CharColumnRule(),
      &MoneyTypeRule(),
      &VarcharLengthRule(),
      &NullableBooleanRule(),
      &MissingOnDeleteRule(),
      &RepeatedColumnGroupRule(),
      &PolymorphicAssociationRule(),
      &ReservedWordIdentifierRule(),
      &IdentifierTooLongRule(),
      &DuplicateColumnNameRule(),
      &PreferBigintRule(),
      &ImpossibleCheckRule(),
      &EavTableRule(),
      &EnumLookupRule(),
      &CommaSeparatedListRule(),
      &InconsistentNamingRule(),
  };
  static const std::vector<LintRule> kSchemaRules = [] {
    std::vector<LintRule> out;
    for (const schema::SchemaCheck* check : AllSchemaChecks())
      out.push_back(LintRule{check->id, check->summary, check->severity, nullptr, &RunSchemaCheck});
    return out;
  }();
  for (const LintRule& rule : kSchemaRules) rules.push_back(&rule);
  return rules;
}

}  // namespace

const std::vector<const LintRule*>& AllLintRules() {
  static const std::vector<const LintRule*> kRules = Rules();
  return kRules;
}

const LintRule* FindLintRule(std::string_view id) {
  for (const LintRule* rule : AllLintRules()) {
    if (rule->id == id) return rule;
  }
  return nullptr;
}

}  // namespace dbarch::analyzers::lint
