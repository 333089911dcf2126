// JSON forms of the model, used by `dbarch schema --format json`, `dbarch workload --format json`, the
// report's JSON output and the data-driven tests. Keys are stable (documented in docs/report-json.md);
// empty/default fields are omitted to keep snapshots readable.
#pragma once

#include <nlohmann/json.hpp>

#include "dbarch/diagnostic.h"
#include "dbarch/finding.h"
#include "model/catalog.h"
#include "model/workload.h"

namespace dbarch::model {

nlohmann::json ToJson(const Catalog& catalog);
nlohmann::json ToJson(const Workload& workload);
nlohmann::json ToJson(const Query& query);
nlohmann::json ToJson(const SourceLocation& location);  // "file:line:col" string

}  // namespace dbarch

namespace dbarch {
nlohmann::json ToJson(const Diagnostic& diagnostic);
nlohmann::json ToJson(const Finding& finding);
}  // namespace dbarch
