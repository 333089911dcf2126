// `dbarch health` output: the findings of the health checks as text (for a terminal), Markdown (for a ticket
// or wiki page) and JSON (docs/health.md lists the fields), with the snapshot's identity and notes.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "dbarch/finding.h"
#include "sources/live/health_snapshot.h"

namespace dbarch::report {

std::string HealthText(const sources::HealthSnapshot& snapshot, const Findings& findings);
std::string HealthMarkdown(const sources::HealthSnapshot& snapshot, const Findings& findings);
nlohmann::json HealthJson(const sources::HealthSnapshot& snapshot, const Findings& findings);

}  // namespace dbarch::report
