#include "report/health_text.h"

#include <fmt/format.h>

#include "common/text.h"
#include "model/model_json.h"

namespace dbarch::report {
namespace {

// 150020 → "15.20", 90624 → "9.6.24".
std::string Version(int number) {
  if (number <= 0) return "unknown";
  if (number >= 100000) return fmt::format("{}.{}", number / 10000, number % 10000);
  return fmt::format("{}.{}.{}", number / 10000, number / 100 % 100, number % 100);
}

std::string Header(const sources::HealthSnapshot& snapshot) {
  return fmt::format("Health of database {} (PostgreSQL {}), captured {}", snapshot.database.empty() ? "?" : snapshot.database,
                     Version(snapshot.server_version), snapshot.captured_at.empty() ? "at an unknown time" : snapshot.captured_at);
}

std::string Tally(const Findings& findings) {
  int counts[3] = {0, 0, 0};
  for (const Finding& f : findings) ++counts[static_cast<int>(f.severity)];
  if (findings.empty()) return "No findings.";
  return fmt::format("{} finding{}: {} error{}, {} warning{}, {} info", findings.size(), findings.size() == 1 ? "" : "s",
                     counts[2], counts[2] == 1 ? "" : "s", counts[1], counts[1] == 1 ? "" : "s", counts[0]);
}


}  // namespace

std::string HealthText(const sources::HealthSnapshot& snapshot, const Findings& findings) {
  std::string out = Header(snapshot) + "\n" + Tally(findings) + "\n";
  for (const Finding& f : findings) {
    out += fmt::format("\n{:<7} {}  {}\n", SeverityName(f.severity), f.rule_id, f.object);
    out += "  " + f.message + "\n";
    for (const std::string& fact : f.evidence) out += "  - " + fact + "\n";
    if (!f.fix_sql.empty()) out += "  fix:\n" + IndentLines(f.fix_sql, "    ");
    if (!f.explanation.empty()) out += "  why: " + f.explanation + "\n";
  }
  if (!snapshot.notes.empty()) {
    out += "\nNot checked:\n";
    for (const std::string& note : snapshot.notes) out += "  - " + note + "\n";
  }
  return out;
}

std::string HealthMarkdown(const sources::HealthSnapshot& snapshot, const Findings& findings) {
  auto cell = [](std::string text) {
    std::string out;
    for (char c : text) {
      if (c == '|') out += "\\|";
      else if (c == '\n') out += ' ';
      else out += c;
    }
    return out;
  };
  std::string out = "# " + Header(snapshot) + "\n\n" + Tally(findings) + "\n";
  if (!findings.empty()) {
    out += "\n| Severity | Check | Object | Finding |\n|---|---|---|---|\n";
    for (const Finding& f : findings) {
      out += fmt::format("| {} | `{}` | `{}` | {} |\n", SeverityName(f.severity), f.rule_id, cell(f.object), cell(f.message));
    }
    for (const Finding& f : findings) {
      out += fmt::format("\n## {} `{}`\n\n{}\n\n", SeverityName(f.severity), f.rule_id, f.message);
      for (const std::string& fact : f.evidence) out += "- " + fact + "\n";
      if (!f.evidence.empty()) out += "\n";
      if (!f.explanation.empty()) out += f.explanation + "\n\n";
      if (!f.fix_sql.empty()) out += "```sql\n" + f.fix_sql + "\n```\n";
    }
  }
  if (!snapshot.notes.empty()) {
    out += "\n## Not checked\n\n";
    for (const std::string& note : snapshot.notes) out += "- " + note + "\n";
  }
  return out;
}

nlohmann::json HealthJson(const sources::HealthSnapshot& snapshot, const Findings& findings) {
  nlohmann::json out;
  out["database"] = snapshot.database;
  out["server_version"] = snapshot.server_version;
  out["captured_at"] = snapshot.captured_at;
  out["findings"] = nlohmann::json::array();
  for (const Finding& f : findings) out["findings"].push_back(ToJson(f));
  out["notes"] = snapshot.notes;
  return out;
}

}  // namespace dbarch::report
