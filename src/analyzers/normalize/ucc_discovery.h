// Unique column combinations: the minimal sets of columns whose values no two distinct rows share — the
// candidate keys the data supports. Apriori over the lattice (a set is checked only when all its subsets
// are non-unique), each check a grouping of the rows on the compressed relation. Duplicate rows are
// counted and set aside: keys are those of the table's distinct rows, the table it should be.
#pragma once

#include <string>
#include <vector>

#include "analyzers/normalize/attribute_set.h"
#include "analyzers/normalize/compressed_relation.h"

namespace dbarch::analyzers::normalize {

struct UccOptions {
  int max_size = 6;            // largest key searched
  size_t max_candidates = 200000;
};

struct UccResult {
  std::vector<AttributeSet> keys;  // minimal, sorted by size then columns
  int duplicate_rows = 0;          // rows equal to an earlier row in every column
  bool complete = true;
  std::string limit_message;
};

// `relation` must be built with NULL = NULL semantics for duplicate detection; a key column holding NULLs
// is still reported (the caller decides whether it can be a primary key).
UccResult DiscoverUccs(const CompressedRelation& relation, const UccOptions& options = {});

}  // namespace dbarch::analyzers::normalize
