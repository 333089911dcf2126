// `dbarch security` output: the audit's findings as text (severity, id, object, message, why, fix), Markdown
// (also the report), JSON and SARIF, plus the notes on what could not be read.
#pragma once

#include <string>
#include <vector>

#include "dbarch/finding.h"

namespace dbarch::report {

struct SecurityReport {
  Findings findings;
  std::vector<std::string> notes;  // parts of the live server that could not be read, files skipped
  bool live = false;               // whether a live server was audited
  size_t code_files_scanned = 0;
};

std::string SecurityText(const SecurityReport& report);
std::string SecurityMarkdown(const SecurityReport& report, int heading_level = 2);
std::string SecurityJson(const SecurityReport& report);
std::string SecuritySarif(const SecurityReport& report, const std::string& version);

}  // namespace dbarch::report
