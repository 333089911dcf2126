// `dbarch normalize` and `dbarch design` output: the analysis as text and JSON, the design as SQL and as a
// Mermaid ER diagram. Deterministic (no timings), so the data-driven cases can compare it byte for byte.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "analyzers/normalize.h"
#include "analyzers/normalize/design_sql.h"
#include "verify/design_check.h"

namespace dbarch::report {

std::string NormalizeText(const analyzers::NormalizeResult& result);
nlohmann::json NormalizeJson(const analyzers::NormalizeResult& result);

// One table's design: its SQL, and the verification when it ran (nullopt: not attempted).
struct TableDesign {
  const analyzers::TableNormalization* table = nullptr;
  analyzers::normalize::DesignSql sql;
  std::optional<verify::DesignVerification> verification;
  std::string not_verified_reason;  // when verification is nullopt
};

std::string DesignMermaid(const std::vector<TableDesign>& designs,
                          const std::vector<analyzers::normalize::InclusionDependency>& inds);
std::string DesignText(const std::vector<TableDesign>& designs,
                       const std::vector<analyzers::normalize::InclusionDependency>& inds);
std::string DesignSqlScript(const std::vector<TableDesign>& designs);
nlohmann::json DesignJson(const std::vector<TableDesign>& designs,
                          const std::vector<analyzers::normalize::InclusionDependency>& inds);

}  // namespace dbarch::report
