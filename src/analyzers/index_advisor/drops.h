// Indexes to drop: duplicates (same shape as another), redundant (keys a left prefix of another B-tree with
// the same predicate), invalid (a failed CREATE INDEX CONCURRENTLY left them behind; they cost writes and
// serve nothing), and unused (idx_scan = 0 in a live database since its statistics were reset). Indexes
// behind PRIMARY KEY/UNIQUE/EXCLUDE constraints and unique indexes are never proposed as unused: they enforce
// something.
#pragma once

#include <vector>

#include "analyzers/index_advisor.h"

namespace dbarch::analyzers {

// `live`: statistics of the live database (for unused indexes and sizes), or nullptr. `sizes`: fallback sizes
// by index (from the scratch copy), may be empty.
std::vector<IndexDrop> FindIndexDrops(const model::Catalog& catalog, const model::Statistics* live,
                                      const model::Statistics& sizes);

}  // namespace dbarch::analyzers
