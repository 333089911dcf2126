#include "verify/index_cost_oracle.h"

#include "analyzers/index_advisor/candidates.h"

namespace dbarch::verify {

WhatIfCostOracle::WhatIfCostOracle(WhatIf& whatif, const std::vector<analyzers::AdvisorStatement>& statements,
                                   const std::vector<analyzers::IndexCandidate>& candidates)
    : whatif_(whatif), statements_(statements), start_(whatif.counters()) {
  for (const auto& candidate : candidates) {
    HypotheticalIndex index;
    index.table = candidate.index.table;
    index.definition = analyzers::CandidateDefinition(candidate.index);
    index.method = candidate.index.method;
    hypothetical_.push_back(std::move(index));
  }
}

double PlanRows(const model::Plan& plan) {
  const model::PlanNode& root = plan.root;
  if (root.node_type == "ModifyTable" && !root.children.empty()) return root.children.front().plan_rows;
  return root.plan_rows;
}

std::vector<Result<analyzers::CostAnswer>> WhatIfCostOracle::Cost(
    const std::vector<analyzers::CostQuestion>& questions) {
  std::vector<CostRequest> requests;
  requests.reserve(questions.size());
  for (const auto& question : questions) {
    const auto& statement = statements_.at(question.statement);
    CostRequest request;
    request.sql = statement.sql;
    request.tables = statement.tables;
    for (size_t c : question.candidates) request.configuration.added.push_back(hypothetical_.at(c));
    requests.push_back(std::move(request));
  }
  auto estimates = whatif_.CostAll(requests);
  std::vector<Result<analyzers::CostAnswer>> answers;
  answers.reserve(estimates.size());
  for (size_t i = 0; i < estimates.size(); ++i) {
    if (!estimates[i].ok()) {
      answers.emplace_back(estimates[i].status());
      continue;
    }
    analyzers::CostAnswer answer;
    answer.cost = estimates[i]->total_cost;
    answer.rows = PlanRows(estimates[i]->plan);
    for (size_t position : estimates[i]->hypothetical_used) answer.used.push_back(questions[i].candidates.at(position));
    answers.emplace_back(std::move(answer));
  }
  return answers;
}

Result<int64_t> WhatIfCostOracle::Size(size_t candidate) { return whatif_.EstimateSize(hypothetical_.at(candidate)); }

long long WhatIfCostOracle::planner_calls() const { return whatif_.counters().planner_calls - start_.planner_calls; }
long long WhatIfCostOracle::requests() const { return whatif_.counters().requests - start_.requests; }

}  // namespace dbarch::verify
