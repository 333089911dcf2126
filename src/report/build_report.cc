// Assembles a Report from what the files alone can tell: every analyzer that needs neither a live
// database nor data runs here, in the order the sections read.
#include "analyzers/backup/workload_volume.h"
#include "analyzers/denormalize.h"
#include "analyzers/security.h"
#include "analyzers/er_model.h"
#include "analyzers/index_usage.h"
#include "analyzers/migration_plan.h"
#include "analyzers/ops_advice.h"
#include "analyzers/schema/catalog_facts.h"
#include "analyzers/schema_checks.h"
#include "report/denormalize_text.h"
#include "report/report.h"

#include <set>

namespace dbarch::report {

const verify::QueryCheck* ScratchEvidence::FindQuery(const std::string& fingerprint) const {
  for (const verify::QueryCheck& check : workload.queries) {
    if (check.fingerprint == fingerprint) return &check;
  }
  return nullptr;
}

namespace {

// The advice's changes as findings with fix SQL, so the migration planner orders them with the schema fixes.
// Schema fixes the advice already covers are left out: the same DROP, or an index for a foreign key whose
// columns lead a recommended index.
Findings PlannedFixes(const Findings& schema_findings, const analyzers::IndexAdvice& advice) {
  Findings out;
  std::set<std::string> covered_sql, covered_objects;
  for (const auto& rec : advice.recommendations) {
    Finding f;
    f.rule_id = "index/add-index";
    f.severity = Severity::kInfo;
    f.object = rec.index.name.ToString();
    f.message = "Build index " + rec.index.name.ToString();
    for (const auto& e : rec.extensions) f.fix_sql += "CREATE EXTENSION IF NOT EXISTS " + model::QuoteIdent(e) + ";\n";
    f.fix_sql += rec.create_sql;
    out.push_back(std::move(f));
    std::vector<std::string> columns;
    for (const auto& key : rec.index.keys) {
      if (key.column.empty()) break;
      columns.push_back(key.column);
      covered_objects.insert(analyzers::schema::ColumnsObject(rec.index.table, columns));
    }
  }
  for (const auto& drop : advice.drops) {
    Finding f;
    f.rule_id = "index/drop-index";
    f.severity = Severity::kInfo;
    f.object = drop.index.ToString();
    f.message = "Drop index " + drop.index.ToString() + " (" + drop.kind + ")";
    f.fix_sql = drop.drop_sql;
    covered_sql.insert(drop.drop_sql);
    out.push_back(std::move(f));
  }
  for (const auto& finding : schema_findings) {
    if (covered_sql.count(finding.fix_sql)) continue;
    if (finding.rule_id == "schema/unindexed-foreign-key" && covered_objects.count(finding.object)) continue;
    out.push_back(finding);
  }
  return out;
}

// Summaries the scratch cluster proved (same rows, faster) as findings with their CREATE and refresh SQL.
Findings SummaryFixes(const analyzers::DenormalizationAdvice& advice, const std::vector<verify::SummaryCheck>* checks) {
  Findings out;
  if (checks == nullptr) return out;
  for (const auto& proposal : advice.proposals) {
    if (proposal.create_sql.empty() && proposal.supporting_index_sql.empty()) continue;
    for (const auto& check : *checks) {
      if (check.fingerprint != proposal.fingerprint || !check.recommended) continue;
      Finding f;
      f.rule_id = "perf/summary-table";
      f.severity = Severity::kInfo;
      f.object = proposal.summary_name;
      f.message = "Create the summary " + proposal.summary_name + " and refresh it " + proposal.refresh_interval;
      f.fix_sql = SummaryMigrationSql(proposal);
      out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace

Report BuildReport(ReportInputs inputs, model::Catalog catalog, model::Workload workload, Diagnostics diagnostics,
                   std::optional<analyzers::IndexAdvice> index_advice,
                   const std::vector<verify::SummaryCheck>* summary_checks) {
  Report report;
  report.version = DBARCH_VERSION;
  // A workload that parsed to queries is a workload, however the caller found it.
  inputs.has_workload = inputs.has_workload || !workload.queries.empty();
  report.inputs = std::move(inputs);

  report.schema_findings = analyzers::CheckSchema(catalog);
  report.er = analyzers::BuildErModel(catalog);
  report.index_usage = analyzers::AnalyzeIndexUsage(catalog, workload);
  report.denormalization = analyzers::ProposeSummaries(catalog, workload);
  Findings fixes = index_advice ? PlannedFixes(report.schema_findings, *index_advice) : report.schema_findings;
  for (Finding& f : SummaryFixes(report.denormalization, summary_checks)) fixes.push_back(std::move(f));
  report.migration = analyzers::PlanFixes(fixes, catalog);
  report.index_advice = std::move(index_advice);
  report.performance = analyzers::AdvisePerformance(catalog, workload);
  auto configuration = analyzers::RecommendConfiguration(report.inputs.server.value_or(analyzers::AssumedServer()),
                                                         catalog, workload, nullptr);
  if (configuration.ok()) report.configuration = TuneReport{std::move(configuration).value(), {}, {}, {}, "", {}};
  report.monitoring = analyzers::PlanMonitoring(catalog, workload);
  {
    // Default objectives (RPO 1 min, RTO 1 h) and the workload's write volume; `dbarch backup` takes real ones.
    analyzers::backup::BackupTargets targets;
    std::vector<std::string> evidence;
    analyzers::backup::ApplyWorkloadVolume(analyzers::backup::EstimateWorkloadVolume(workload), &targets, &evidence);
    for (size_t i = 0; i < evidence.size(); ++i) targets.volume_evidence += (i ? "; " : "") + evidence[i];
    auto plan = analyzers::backup::PlanBackup(targets);
    if (plan.ok()) report.backup_plan = std::move(plan).value();
  }
  report.security_findings = analyzers::AuditSecurity(catalog, nullptr);
  report.rewrites = analyzers::ProposeRewrites(catalog, workload);

  report.catalog = std::move(catalog);
  report.workload = std::move(workload);
  report.diagnostics = std::move(diagnostics);
  return report;
}

}  // namespace dbarch::report
