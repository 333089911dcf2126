// Which workload queries can use which existing index, by the rules of PostgreSQL's B-tree and other
// access methods (leading-column equality/range, ORDER BY matching, partial predicates implied by the
// query's constants, expression keys matched to the query's expressions). This is the schema+workload
// half of the report's index strategy section; what-if planning (HypoPG) comes with the verify stage.
#pragma once

#include <string>
#include <vector>

#include "model/catalog.h"
#include "model/workload.h"

namespace dbarch::analyzers {

struct IndexUse {
  std::string query_fingerprint;
  std::string how;  // e.g. "equality on customer_id, order by created_at desc"
};

struct IndexUsage {
  model::QualifiedName index;
  std::vector<IndexUse> uses;  // empty = no workload query can use it
};

// A query predicate that no index supports (candidate for the index advisor).
struct UnsupportedPredicate {
  std::string query_fingerprint;
  model::ColumnRef column;
  std::string op;
  double calls = 0;
  std::string expression;         // the wrapped expression ("lower(email)") when the predicate is on one
  std::string clause = "WHERE";   // "WHERE" or "JOIN" (a join condition's side)
};

struct IndexUsageReport {
  std::vector<IndexUsage> indexes;
  std::vector<UnsupportedPredicate> unsupported;
};

IndexUsageReport AnalyzeIndexUsage(const model::Catalog& catalog, const model::Workload& workload);

}  // namespace dbarch::analyzers
