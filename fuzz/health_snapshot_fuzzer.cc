// libFuzzer target for saved health snapshots (`dbarch health --snapshot FILE`): arbitrary bytes through the
// strict JSON reader, then every health check (also with all thresholds at zero, so every comparison and
// formatting path runs on whatever numbers the input holds) and the three renderers. Build: see fuzz/README.md.
#include <cstddef>
#include <cstdint>
#include <string>

#include "analyzers/health.h"
#include "report/health_text.h"
#include "sources/live/health_snapshot.h"
#include "sql/source_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  size_t bad = 0;
  if (!dbarch::sql::IsValidUtf8(text, &bad)) return 0;  // `dbarch health` reads files through SourceText, which refuses it
  auto snapshot = dbarch::sources::HealthSnapshotFromJson(text, "fuzz.json");
  if (!snapshot.ok()) return 0;
  dbarch::analyzers::HealthThresholds zero;
  for (const auto& info : dbarch::analyzers::HealthThresholdInfos()) zero.*info.field = 0;
  for (const auto& thresholds : {dbarch::analyzers::HealthThresholds{}, zero}) {
    const dbarch::Findings findings = dbarch::analyzers::AnalyzeHealth(*snapshot, thresholds);
    (void)dbarch::report::HealthText(*snapshot, findings);
    (void)dbarch::report::HealthMarkdown(*snapshot, findings);
    (void)dbarch::report::HealthJson(*snapshot, findings).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  (void)dbarch::sources::ToJson(*snapshot).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return 0;
}
