// `dbarch explain` output: each plan as an indented tree with the hot path marked and the time each node
// spent itself, followed by the plan-analysis findings; and the same as JSON.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dbarch/finding.h"
#include "model/plan.h"

namespace dbarch::report {

struct AnalyzedPlan {
  std::string source;  // "file.txt" or "file.txt (plan 2)"
  model::Plan plan;
  Findings findings;
};

std::string PlanAnalysisText(const std::vector<AnalyzedPlan>& plans);
nlohmann::json PlanAnalysisJson(const std::vector<AnalyzedPlan>& plans);

}  // namespace dbarch::report
