// Vocabulary for predicates: operator spellings and what a comparison compares a column with.
#pragma once

#include <string>

#include "model/workload.h"
#include "pg_query.pb.h"
#include "sql/ast.h"

namespace dbarch::sources::workload {

// The operator of an A_Expr name list (`OPERATOR(pg_catalog.=)` → "=").
std::string OperatorName(const sql::NodeList& name);

// The spelling predicates use: "~~" → "LIKE", "~~*" → "ILIKE", "!=" → "<>"; the negated forms
// ("!~~", "!~~*") map to the positive operator and set *negated.
std::string CanonicalOperator(const std::string& op, bool* negated);

// The operator that gives the same result with the operands swapped (`$1 < col` is `col > $1`); ""
// when there is none among the operators predicates know (e.g. LIKE).
std::string CommutedOperator(const std::string& op);

// Whether op compares (rather than computes): "=", "<", "@>", "&&", "LIKE" … but not "+" or "||".
bool IsComparisonOperator(const std::string& op);

// What an operand is: $n, a constant (its SQL text in *constant), a column, a sub-query or other.
// Casts are looked through (`$1::jsonb` is a parameter); an IN list or ARRAY[] counts as constant or
// parameter when all its elements are.
model::Predicate::Operand ClassifyOperand(const pg_query::Node& node, std::string* constant);

}  // namespace dbarch::sources::workload
