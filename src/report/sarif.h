// Findings as SARIF 2.1.0 (the format GitHub code scanning and other CI tools upload): one run, the rules that
// produced findings with their summaries and doc links, and each result with its location and fix.
#pragma once

#include <string>
#include <vector>

#include "dbarch/finding.h"

namespace dbarch::report {

struct SarifRule {
  std::string id;
  std::string summary;
  std::string help;      // where the rule is documented, e.g. "docs/rules/migration/set-not-null.md"
  Severity severity = Severity::kWarning;
};

std::string RenderSarif(const Findings& findings, const std::vector<SarifRule>& rules, const std::string& version);

}  // namespace dbarch::report
