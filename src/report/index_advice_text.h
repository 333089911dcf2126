// The index advice in the forms `dbarch index` prints and the report embeds: a terminal summary, a migration
// script (CREATE/DROP INDEX CONCURRENTLY with the justification as comments) and JSON
// (docs/report-json.md, "index_advice").
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "analyzers/index_advisor.h"

namespace dbarch::report {

std::string IndexAdviceText(const analyzers::IndexAdvice& advice);
std::string IndexAdviceSql(const analyzers::IndexAdvice& advice);
nlohmann::json IndexAdviceJson(const analyzers::IndexAdvice& advice);

// "Planner cost of the workload 12345 → 1234 (−90.0%); 310 what-if planner calls for 1020 questions; …"
std::string IndexAdviceSummary(const analyzers::IndexAdvice& advice);
// "2.1 MB", "512 kB", "812 B".
std::string FormatBytes(int64_t bytes);
// "customer_id equality, …" reasons joined as one sentence list.
std::string EffectText(const analyzers::StatementEffect& effect);

}  // namespace dbarch::report
