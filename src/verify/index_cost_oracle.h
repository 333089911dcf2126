// The index advisor's cost oracle on the scratch cluster: the planner's cost of a statement with a set of
// candidate indexes made hypothetical (HypoPG, or built in a rolled-back transaction for GIN/GiST), through
// WhatIf and its cache.
#pragma once

#include <vector>

#include "analyzers/index_advisor/selection.h"
#include "verify/whatif.h"

namespace dbarch::verify {

class WhatIfCostOracle : public analyzers::IndexCostOracle {
 public:
  WhatIfCostOracle(WhatIf& whatif, const std::vector<analyzers::AdvisorStatement>& statements,
                   const std::vector<analyzers::IndexCandidate>& candidates);

  std::vector<Result<analyzers::CostAnswer>> Cost(const std::vector<analyzers::CostQuestion>& questions) override;
  Result<int64_t> Size(size_t candidate) override;
  long long planner_calls() const override;
  long long requests() const override;

 private:
  WhatIf& whatif_;
  const std::vector<analyzers::AdvisorStatement>& statements_;
  std::vector<HypotheticalIndex> hypothetical_;  // per candidate
  WhatIfCounters start_;
};

// Rows a plan returns, or for INSERT/UPDATE/DELETE (a ModifyTable node, which returns none without RETURNING)
// the rows it writes.
double PlanRows(const model::Plan& plan);

}  // namespace dbarch::verify
