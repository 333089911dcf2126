// Assembles a Report from what the files alone can tell: every analyzer that needs neither a live
// database nor data runs here, in the order the sections read.
#include "analyzers/er_model.h"
#include "analyzers/index_usage.h"
#include "analyzers/migration_plan.h"
#include "analyzers/ops_advice.h"
#include "analyzers/schema_checks.h"
#include "report/report.h"

namespace dbarch::report {

const verify::QueryCheck* ScratchEvidence::FindQuery(const std::string& fingerprint) const {
  for (const verify::QueryCheck& check : workload.queries) {
    if (check.fingerprint == fingerprint) return &check;
  }
  return nullptr;
}

Report BuildReport(ReportInputs inputs, model::Catalog catalog, model::Workload workload, Diagnostics diagnostics) {
  Report report;
  report.version = DBARCH_VERSION;
  // A workload that parsed to queries is a workload, however the caller found it.
  inputs.has_workload = inputs.has_workload || !workload.queries.empty();
  report.inputs = std::move(inputs);

  report.schema_findings = analyzers::CheckSchema(catalog);
  report.er = analyzers::BuildErModel(catalog);
  report.index_usage = analyzers::AnalyzeIndexUsage(catalog, workload);
  report.migration = analyzers::PlanFixes(report.schema_findings, catalog);
  report.performance = analyzers::AdvisePerformance(catalog, workload);
  report.monitoring = analyzers::PlanMonitoring(catalog, workload);

  report.catalog = std::move(catalog);
  report.workload = std::move(workload);
  report.diagnostics = std::move(diagnostics);
  return report;
}

}  // namespace dbarch::report
