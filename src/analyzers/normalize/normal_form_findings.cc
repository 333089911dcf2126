#include "analyzers/normalize/normal_form_findings.h"

#include <fmt/format.h>

namespace dbarch::analyzers::normalize {

Findings NormalFormFindings(const NormalizeResult& result) {
  Findings out;
  for (const auto& table : result.tables) {
    const NormalFormReport& report = table.normal_form;
    if (report.highest == NormalForm::kBCNF || report.violations.empty()) continue;
    Finding f;
    f.rule_id = "schema/normal-form-violation";
    f.severity = report.highest >= NormalForm::k3NF ? Severity::kInfo : Severity::kWarning;
    f.object = table.data.name;
    f.message = fmt::format("{} is in {}, not BCNF, on its data: {}", table.data.name, NormalFormName(report.highest),
                            report.violations.front().evidence);
    for (std::size_t i = 0; i < report.violations.size() && i < 6; ++i) {
      f.evidence.push_back(fmt::format("breaks {}: {}", NormalFormName(report.violations[i].breaks),
                                       report.violations[i].evidence));
    }
    if (report.violations.size() > 6) f.evidence.push_back(fmt::format("and {} more", report.violations.size() - 6));
    f.evidence.push_back("rows judged: " + table.data.source);
    std::string explanation =
        "A value that depends on something other than the key is stored once per row that repeats it: updates must "
        "change every copy, and copies drift apart.";
    if (table.decomposition.method != "unchanged" && !table.decomposition.steps.empty()) {
      explanation += fmt::format(" {}:", table.decomposition.method);
      for (const auto& step : table.decomposition.steps) explanation += " " + step + ";";
      explanation.back() = '.';
      if (!table.decomposition.dependency_preserving) explanation += " (Not every dependency is preserved.)";
    }
    explanation += " Dependencies that hold by chance on a sample are listed by `dbarch normalize` as accidental, "
                   "not here; `dbarch design` writes the DDL and the data migration.";
    f.explanation = std::move(explanation);
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace dbarch::analyzers::normalize
