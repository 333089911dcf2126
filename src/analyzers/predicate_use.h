// How an access method can use a query predicate — shared by the index-usage analysis (can an existing index
// serve it?) and the index advisor (which index would?).
#pragma once

#include <string>

#include "model/workload.h"

namespace dbarch::analyzers {

enum class BtreeUse { kNone, kEquality, kRange };

// Equality (=, IN, = ANY, IS NULL) and range (<, <=, >, >=, BETWEEN, IS NOT NULL, LIKE 'prefix%') predicates
// a B-tree can search on; kNone for the rest and for negated predicates.
BtreeUse ClassifyForBtree(const model::Predicate& predicate);

// LIKE with a constant pattern that does not start with a wildcard ('abc%').
bool LikePrefixConstant(const model::Predicate& predicate);

// LIKE/ILIKE/regex whose pattern is not a constant prefix: only a trigram index can search it.
bool NeedsTrigram(const model::Predicate& predicate);

// The constant as the query wrote it, without a trailing cast ('pending'::text → 'pending').
std::string BareConstant(const std::string& constant);

}  // namespace dbarch::analyzers
