// libFuzzer target for captured EXPLAIN output: arbitrary bytes through format detection, the text-format
// reader (psql decoration, auto_explain indentation, node labels, property lines) or the JSON reader, then
// every plan check and both renderers. Build: see fuzz/README.md.
#include <cstddef>
#include <cstdint>
#include <string>

#include "analyzers/plan_analysis.h"
#include "report/plan_text.h"
#include "sources/explain_text.h"
#include "sql/source_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  size_t bad = 0;
  if (!dbarch::sql::IsValidUtf8(text, &bad)) return 0;  // `dbarch explain` reads files through SourceText, which refuses it
  auto plans = dbarch::sources::ParseExplain(text, "fuzz.txt");
  if (!plans.ok()) return 0;
  std::vector<dbarch::report::AnalyzedPlan> analyzed;
  for (auto& plan : *plans) {
    dbarch::report::AnalyzedPlan entry;
    entry.source = "fuzz.txt";
    entry.findings = dbarch::analyzers::AnalyzePlan(plan);
    entry.plan = std::move(plan);
    analyzed.push_back(std::move(entry));
  }
  (void)dbarch::report::PlanAnalysisText(analyzed);
  (void)dbarch::report::PlanAnalysisJson(analyzed).dump();
  return 0;
}
