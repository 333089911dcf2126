// Findings as SARIF 2.1.0 (the format GitHub code scanning and other CI tools upload): one run, the rules that
// produced findings with their summaries and doc links, and each result with its location and fix.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dbarch/finding.h"

namespace dbarch::report {

struct SarifRule {
  std::string id;
  std::string summary;
  std::string help;      // where the rule is documented, e.g. "docs/rules/migration/set-not-null.md"
  Severity severity = Severity::kWarning;
};

// The text of one line of a file (empty when unknown). dbarch's columns count bytes; SARIF's count Unicode code
// points (the run says columnKind "unicodeCodePoints"), so with the lines at hand columns are converted.
using SarifLineText = std::function<std::string_view(const std::string& file, int line)>;

std::string RenderSarif(const Findings& findings, const std::vector<SarifRule>& rules, const std::string& version,
                        const SarifLineText& line_text = {});

// A 1-based byte column of `line` as a 1-based code-point column (unchanged past the end of the line).
int CodePointColumn(std::string_view line, int byte_column);

}  // namespace dbarch::report
