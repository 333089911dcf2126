#include <fmt/format.h>

#include "analyzers/security/code_scan.h"
#include "analyzers/security/security_internal.h"

namespace dbarch::analyzers::security {

Findings InjectionFindingsAsFindings(const std::vector<InjectionFinding>& findings) {
  Findings out;
  for (const auto& injection : findings) {
    Finding f = NewFinding("security/sql-injection-in-code", injection.location, injection.call);
    std::string spliced;
    for (const auto& expression : injection.interpolated) spliced += (spliced.empty() ? "`" : ", `") + expression + "`";
    f.message = fmt::format("{} runs SQL built by {} from {}{}", injection.call, injection.construction, spliced,
                            injection.via_variable.empty() ? "" : fmt::format(" (in `{}`)", injection.via_variable));
    f.explanation =
        "Whoever controls a spliced value can change the statement (SQL injection). Pass values as parameters: the "
        "driver sends them apart from the SQL text, so they are never parsed as SQL, and the server can reuse the "
        "plan.";
    if (!injection.note.empty()) f.explanation += " " + injection.note + ".";
    f.evidence.push_back("as written: " + injection.snippet);
    f.evidence.push_back("fix (" + injection.language + "): " + injection.parameterized);
    f.evidence.push_back(injection.sql_parses ? "the parameterized SQL parses with PostgreSQL's parser"
                                              : "the parameterized SQL does not parse as it stands: " + injection.parse_error);
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace dbarch::analyzers::security
