// Denormalization advice (analyzers/denormalize.h) with its verification (verify/denormalize_check.h) as text
// (`dbarch denormalize`), Markdown and HTML (report section 6) and JSON (both; docs/report-json.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analyzers/denormalize.h"
#include "model/workload.h"
#include "verify/denormalize_check.h"

namespace dbarch::report {

struct SummaryEntry {
  const analyzers::SummaryProposal* proposal = nullptr;
  const verify::SummaryCheck* check = nullptr;  // null when not verified
  const model::Query* query = nullptr;
};

// Pairs each proposal with its check and query; verified proposals are ranked by planner cost saved × calls.
std::vector<SummaryEntry> PairSummaries(const analyzers::DenormalizationAdvice& advice,
                                        const std::vector<verify::SummaryCheck>& checks,
                                        const model::Workload& workload);

// "recommended", "not recommended: …", "not verified: …".
std::string SummaryVerdict(const SummaryEntry& entry, const std::string& not_verified_reason);
// Same rows, cost, time, refresh and size in one line.
std::string SummaryVerificationLine(const verify::SummaryCheck& check);
// The migration step's SQL: CREATE MATERIALIZED VIEW, its unique index and the refresh schedule as comments.
std::string SummaryMigrationSql(const analyzers::SummaryProposal& proposal);

std::string SummariesText(const std::vector<SummaryEntry>& entries, const analyzers::DenormalizationAdvice& advice,
                          const model::Workload& workload, const std::string& not_verified_reason);
std::string SummariesMarkdown(const std::vector<SummaryEntry>& entries, const std::string& not_verified_reason);
std::string SummariesHtml(const std::vector<SummaryEntry>& entries, const std::string& not_verified_reason);
nlohmann::json SummariesJson(const std::vector<SummaryEntry>& entries, const analyzers::DenormalizationAdvice& advice,
                             const std::string& not_verified_reason);

}  // namespace dbarch::report
