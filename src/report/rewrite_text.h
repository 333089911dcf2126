// Query rewrites (analyzers/rewrite.h) with their verification on the scratch cluster (verify/rewrite_check.h)
// as text (`dbarch rewrite`), Markdown and HTML (report section 4) and JSON (both).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzers/rewrite.h"
#include "model/workload.h"
#include "verify/rewrite_check.h"

namespace dbarch::report {

struct RewriteEntry {
  const analyzers::QueryRewrite* rewrite = nullptr;
  const verify::RewriteCheck* check = nullptr;  // null when not verified
  const model::Query* query = nullptr;          // for its location and calls
};
// Pairs each rewrite with its check and workload query.
std::vector<RewriteEntry> PairRewrites(const std::vector<analyzers::QueryRewrite>& rewrites,
                                       const std::vector<verify::RewriteCheck>& checks, const model::Workload& workload);

// One line: "same rows on 3 parameter samples (120 rows); cost 1234.5 → 56.7; median 12.3 ms → 1.2 ms (10.3× faster)".
std::string VerificationLine(const verify::RewriteCheck& check);

std::string RewritesText(const std::vector<RewriteEntry>& entries, const std::string& not_verified_reason);
std::string RewritesMarkdown(const std::vector<RewriteEntry>& entries, const std::string& not_verified_reason);
std::string RewritesHtml(const std::vector<RewriteEntry>& entries, const std::string& not_verified_reason);
nlohmann::json RewritesJson(const std::vector<RewriteEntry>& entries);

}  // namespace dbarch::report
