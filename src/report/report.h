// The report: always the seven sections of an architect's deliverable, assembled from the model and the
// analyzers' results, rendered as one self-contained HTML file (ER diagram as inline SVG from Graphviz),
// Markdown (ER diagram as Mermaid) or JSON (stable schema, docs/report-json.md).
//
// Every section states what it is based on (`basis`) and what input would make it better (`missing`).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyzers/logs/log_summary.h"
#include "analyzers/denormalize.h"
#include "analyzers/rewrite.h"
#include "verify/denormalize_check.h"
#include "verify/rewrite_check.h"
#include "analyzers/er_model.h"
#include "analyzers/index_advisor.h"
#include "analyzers/index_usage.h"
#include "analyzers/migration_plan.h"
#include "analyzers/backup/backup_plan.h"
#include "analyzers/ops_advice.h"
#include "analyzers/tune.h"
#include "dbarch/diagnostic.h"
#include "dbarch/finding.h"
#include "dbarch/status.h"
#include "model/catalog.h"
#include "model/workload.h"
#include "report/tune_text.h"
#include "verify/data_generator.h"
#include "verify/workload_check.h"

namespace dbarch::report {

// One input file and how dbarch classified it ("migration", "schema", "workload", "ignored: …").
struct InputFile {
  std::string path;
  std::string role;
  std::string detail;  // e.g. "Flyway version 3", "12 statements"
};

struct ReportInputs {
  std::string project_name;           // e.g. "shop" (directory name)
  std::vector<InputFile> files;
  bool has_workload = false;
  bool has_live_database = false;     // later: --db
  bool has_data = false;              // later: statistics or data samples
  // The server section 6's configuration is sized for; analyzers::AssumedServer() when not given.
  std::optional<analyzers::TuneRequest> server;
};

// What the scratch PostgreSQL showed: the copy of the schema, the data loaded into it, and every workload
// query planned (and timed) there. Absent when verification was skipped (--no-verify) or impossible.
struct ScratchEvidence {
  bool ran = false;
  std::string not_run_reason;      // when !ran: why (PostgreSQL missing, schema could not be created, …)
  std::string server_version;      // "postgres (PostgreSQL) 15.18 …"
  std::string data_origin;         // "synthetic data with default distributions", "… shaped by live statistics"
  std::vector<verify::TableLoadResult> tables;
  model::Statistics statistics;    // the scratch tables' sizes after loading (section 5's duration estimates)
  int64_t total_rows = 0;
  double load_seconds = 0;
  verify::WorkloadCheck workload;  // one entry per workload query, same order as Report::workload
  std::vector<verify::RewriteCheck> rewrites;  // Report::rewrites proven: same rows, cost and time
  std::vector<verify::SummaryCheck> summaries;  // Report::denormalization proven: same rows, cost, time, refresh
  std::vector<std::string> notes;
  const verify::QueryCheck* FindQuery(const std::string& fingerprint) const;
};

struct Report {
  std::string generator = "dbarch";
  std::string version;
  ReportInputs inputs;
  model::Catalog catalog;
  model::Workload workload;
  Diagnostics diagnostics;               // loader warnings, shown in an appendix
  Findings schema_findings;              // schema/… findings (section 1, some also in 3)
  analyzers::ErModel er;                 // section 2
  analyzers::IndexUsageReport index_usage;  // section 3
  analyzers::MigrationPlan migration;    // section 5
  std::vector<analyzers::Advice> performance;  // section 6
  analyzers::DenormalizationAdvice denormalization;  // section 6: summaries for heavy aggregate queries
  std::optional<TuneReport> configuration;     // section 6: postgresql.conf, pooling, pgbench measurement
  std::optional<analyzers::backup::BackupPlan> backup_plan;  // section 7: pgBackRest schedule, retention, files
  Findings security_findings;                  // section 1: the security audit of the schema (dbarch security)
  // Section 7, with --db: the live server's health checks (dbarch health); absent without a live server.
  std::optional<Findings> health_findings;
  analyzers::MonitoringPlan monitoring;        // section 7
  std::optional<ScratchEvidence> scratch;      // sections 1 and 4: rows and plans from the scratch cluster
  std::optional<analyzers::IndexAdvice> index_advice;  // section 3 (and 5): indexes to add and drop, proven
  std::vector<analyzers::QueryRewrite> rewrites;  // section 4: equivalent, better-planned forms of workload queries
  std::optional<analyzers::logs::LogSummary> log_summary;  // section 4: the --log files (dbarch logs)
  Findings lint_findings;  // `dbarch lint` over the input files: migration/… in section 5, query/… in section 4
};

// Runs the analyzers available from files alone and fills a Report. The index advice (from the scratch cluster),
// when given, goes into section 3 and its CREATE/DROP INDEX steps into the migration plan (section 5); so do
// the summaries (section 6) that `summary_checks` proved worth it (verify/denormalize_check.h).
Report BuildReport(ReportInputs inputs, model::Catalog catalog, model::Workload workload, Diagnostics diagnostics,
                   std::optional<analyzers::IndexAdvice> index_advice = std::nullopt,
                   const std::vector<verify::SummaryCheck>* summary_checks = nullptr);

std::string RenderJson(const Report& report);      // pretty-printed, trailing newline
std::string RenderMarkdown(const Report& report);
// HTML needs Graphviz's `dot` for the ER diagram; when it is missing the diagram falls back to a table and
// the page says so.
std::string RenderHtml(const Report& report);

// Mermaid erDiagram and Graphviz dot sources for the ER model (also used on their own).
std::string RenderMermaid(const analyzers::ErModel& er);
std::string RenderDot(const analyzers::ErModel& er);
// Runs `dot -Tsvg` on a dot source; error when Graphviz is not installed.
Result<std::string> DotToSvg(const std::string& dot_source);

}  // namespace dbarch::report
