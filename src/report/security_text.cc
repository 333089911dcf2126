#include "report/security_text.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "analyzers/security.h"
#include "common/text.h"
#include "model/model_json.h"
#include "report/sarif.h"

namespace dbarch::report {

namespace {


std::string Where(const Finding& f) {
  return f.location.known() ? f.location.ToString() + ": " : "";
}

}  // namespace

std::string SecurityText(const SecurityReport& report) {
  std::string out;
  for (const auto& f : report.findings) {
    out += fmt::format("{}{} [{}] {}\n", Where(f), SeverityName(f.severity), f.rule_id, f.message);
    if (!f.explanation.empty()) out += IndentLines(f.explanation, "  ");
    for (const auto& e : f.evidence) out += "  - " + e + "\n";
    if (!f.fix_sql.empty()) out += "  fix:\n" + IndentLines(f.fix_sql, "    ");
    out += "\n";
  }
  size_t errors = 0, warnings = 0;
  for (const auto& f : report.findings) {
    errors += f.severity == Severity::kError;
    warnings += f.severity == Severity::kWarning;
  }
  out += fmt::format("{} finding(s): {} error(s), {} warning(s){}{}\n", report.findings.size(), errors, warnings,
                     report.live ? "; live server audited" : "; schema only (pass --db for the server's settings, "
                                                             "pg_hba.conf and password hashes)",
                     report.code_files_scanned > 0
                         ? fmt::format("; {} application source file(s) scanned", report.code_files_scanned)
                         : "");
  for (const auto& n : report.notes) out += "note: " + n + "\n";
  return out;
}

std::string SecurityMarkdown(const SecurityReport& report, int heading_level) {
  const std::string h(static_cast<size_t>(heading_level), '#');
  std::string out;
  if (report.findings.empty()) out += "No security findings.\n\n";
  for (const auto& f : report.findings) {
    out += fmt::format("{} {} `{}`\n\n{}\n\n", h, SeverityName(f.severity), f.rule_id, f.message);
    if (f.location.known()) out += fmt::format("At `{}`.\n\n", f.location.ToString());
    if (!f.explanation.empty()) out += f.explanation + "\n\n";
    for (const auto& e : f.evidence) out += "- " + e + "\n";
    if (!f.evidence.empty()) out += "\n";
    if (!f.fix_sql.empty()) out += "```sql\n" + f.fix_sql + "\n```\n\n";
  }
  for (const auto& n : report.notes) out += "> note: " + n + "\n";
  return out;
}

std::string SecurityJson(const SecurityReport& report) {
  nlohmann::json out;
  out["findings"] = nlohmann::json::array();
  for (const auto& f : report.findings) out["findings"].push_back(ToJson(f));
  out["notes"] = report.notes;
  out["live"] = report.live;
  out["code_files_scanned"] = report.code_files_scanned;
  return out.dump(2) + "\n";
}

std::string SecuritySarif(const SecurityReport& report, const std::string& version) {
  std::vector<SarifRule> rules;
  for (const auto& check : analyzers::AllSecurityChecks()) {
    rules.push_back({std::string(check.id), std::string(check.summary), "docs/security.md", check.severity});
  }
  return RenderSarif(report.findings, rules, version);
}

}  // namespace dbarch::report
