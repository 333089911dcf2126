// Unary inclusion dependencies between tables: every non-NULL value of column A also occurs in column B
// of another table (A ⊆ B). When B is unique in its table the IND is a foreign-key candidate A → B.
#pragma once

#include <string>
#include <vector>

#include "analyzers/normalize/table_data.h"

namespace dbarch::analyzers::normalize {

struct InclusionDependency {
  int dependent_table = 0, dependent_column = 0;    // A
  int referenced_table = 0, referenced_column = 0;  // B
  int distinct_values = 0;                          // distinct non-NULL values of A (all found in B)
  bool referenced_unique = false;                   // B has no duplicate non-NULL values: a foreign-key candidate
};

// Columns whose values are all NULL are left out (they are included in everything).
std::vector<InclusionDependency> DiscoverUnaryInds(const std::vector<const TableData*>& tables);

}  // namespace dbarch::analyzers::normalize
