// JSON for the small shared vocabulary (locations, diagnostics, findings). The catalog's and the
// workload's JSON live in catalog_json.cc and workload_json.cc.
#include "model/model_json.h"

namespace dbarch {

namespace model {
nlohmann::json ToJson(const SourceLocation& location) { return location.ToString(); }
}  // namespace model

nlohmann::json ToJson(const Diagnostic& diagnostic) {
  nlohmann::json j;
  j["severity"] = SeverityName(diagnostic.severity);
  j["code"] = diagnostic.code;
  j["message"] = diagnostic.message;
  if (diagnostic.location.known()) j["location"] = diagnostic.location.ToString();
  return j;
}

nlohmann::json ToJson(const Finding& finding) {
  nlohmann::json j;
  j["rule"] = finding.rule_id;
  j["severity"] = SeverityName(finding.severity);
  if (finding.location.known()) j["location"] = finding.location.ToString();
  if (!finding.object.empty()) j["object"] = finding.object;
  j["message"] = finding.message;
  if (!finding.explanation.empty()) j["explanation"] = finding.explanation;
  if (!finding.evidence.empty()) j["evidence"] = finding.evidence;
  if (!finding.fix_sql.empty()) j["fix"] = finding.fix_sql;
  return j;
}

}  // namespace dbarch
