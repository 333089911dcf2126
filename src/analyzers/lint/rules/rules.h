// One accessor per lint rule, defined in the file named after it (rules/<category>/<name>.cc).
#pragma once

#include "analyzers/lint/lint_rule.h"

namespace dbarch::analyzers::lint {

// migration/…
const LintRule& RequireConcurrentIndexRule();
const LintRule& RequireConcurrentDropIndexRule();
const LintRule& ConcurrentlyInTransactionRule();
const LintRule& AddForeignKeyNotValidRule();
const LintRule& AddCheckNotValidRule();
const LintRule& SetNotNullRule();
const LintRule& UniqueConstraintWithoutIndexRule();
const LintRule& VolatileDefaultRule();
const LintRule& AddNotNullColumnWithoutDefaultRule();
const LintRule& ChangeColumnTypeRule();
const LintRule& RenameColumnRule();
const LintRule& RenameTableRule();
const LintRule& DropColumnRule();
const LintRule& DropTableRule();
const LintRule& TruncateTableRule();
const LintRule& RequireLockTimeoutRule();
const LintRule& BackfillInDdlTransactionRule();
const LintRule& EnumValueInTransactionRule();
const LintRule& ManyAlterSubcommandsRule();
const LintRule& VacuumFullRule();
const LintRule& ClusterRule();
const LintRule& ReindexWithoutConcurrentlyRule();
const LintRule& DropDatabaseRule();
const LintRule& TransactionNestingRule();
const LintRule& UncommittedTransactionRule();
const LintRule& DomainConstraintRule();
const LintRule& DropNotNullRule();
const LintRule& DetachPartitionConcurrentlyRule();
const LintRule& EnumValueOrderingRule();
const LintRule& ValidateInSameTransactionRule();
const LintRule& RequireStatementTimeoutRule();
const LintRule& PreferRobustStmtsRule();

// query/…
const LintRule& SelectStarRule();
const LintRule& NotInSubqueryRule();
const LintRule& OffsetPaginationRule();
const LintRule& LeadingWildcardLikeRule();
const LintRule& OrderByRandomRule();
const LintRule& MissingWhereRule();
const LintRule& CompareWithNullRule();
const LintRule& LargeInListRule();
const LintRule& CountForExistenceRule();
const LintRule& CorrelatedSubqueryRule();
const LintRule& ImplicitCrossJoinRule();
const LintRule& OrAcrossColumnsRule();
const LintRule& DistinctWithJoinRule();
const LintRule& NonSargablePredicateRule();

// schema/… (statement rules; the catalog-wide schema checks are added in registry.cc)
const LintRule& CharColumnRule();
const LintRule& MoneyTypeRule();
const LintRule& VarcharLengthRule();
const LintRule& NullableBooleanRule();
const LintRule& MissingOnDeleteRule();
const LintRule& RepeatedColumnGroupRule();
const LintRule& PolymorphicAssociationRule();
const LintRule& ReservedWordIdentifierRule();
const LintRule& IdentifierTooLongRule();
const LintRule& DuplicateColumnNameRule();
const LintRule& PreferBigintRule();
const LintRule& ImpossibleCheckRule();
const LintRule& EavTableRule();
const LintRule& EnumLookupRule();
const LintRule& CommaSeparatedListRule();
const LintRule& InconsistentNamingRule();

}  // namespace dbarch::analyzers::lint
