// Comparing index definitions the way PostgreSQL's planner sees them: two indexes are interchangeable
// when method, keys (column or expression, opclass, collation, direction, null order), predicate and
// INCLUDE columns agree. Uniqueness is not part of the shape: a unique index serves every query a
// non-unique one with the same shape serves.
#pragma once

#include "model/catalog.h"

namespace dbarch::analyzers::schema {

// Same method, predicate and INCLUDE set.
bool SameEnvelope(const model::Index& a, const model::Index& b);
// Same envelope and identical key lists; for two unique indexes also the same NULLS [NOT] DISTINCT.
bool SameShape(const model::Index& a, const model::Index& b);
// a's keys are a strict left prefix of b's keys.
bool IsStrictKeyPrefix(const model::Index& a, const model::Index& b);
// Every INCLUDE column of `shorter` is a key or INCLUDE column of `longer` (an index-only scan that relied
// on the shorter index still works with the longer one).
bool CoversIncludes(const model::Index& shorter, const model::Index& longer);
// Which of two interchangeable indexes to keep: constraint-backed first, then unique, then the older
// (earlier in the DDL), then by name. True when a should be kept over b.
bool PreferToKeep(const model::Index& a, const model::Index& b);

}  // namespace dbarch::analyzers::schema
