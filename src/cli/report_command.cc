// `dbarch report`: the seven-section architect's report from a repository.
#include <filesystem>
#include <iostream>
#include <thread>

#include <fmt/format.h>

#include "analyzers/lint.h"
#include "cli/cli_common.h"
#include "cli/code_paths.h"
#include "analyzers/normalize/normal_form_findings.h"
#include "sources/live/table_sample.h"
#include "analyzers/index_advisor/budget.h"
#include "analyzers/diff/step_duration.h"
#include "cli/scratch_flags.h"
#include "cli/tune_flags.h"
#include "analyzers/health.h"
#include "analyzers/security.h"
#include "sources/live/health_snapshot.h"
#include "sources/live/security_snapshot.h"
#include "verify/pg_connection.h"
#include "report/report.h"

namespace dbarch::cli {
namespace {

struct ReportFlags {
  sources::LoadOptions inputs;
  ScratchFlags scratch;
  HardwareFlags hardware;
  BenchFlags bench;
  bool no_bench = false;
  std::string format;
  std::string output;
};

std::string FormatFromPath(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".html" || ext == ".htm") return "html";
  if (ext == ".json") return "json";
  return "md";
}

int Run(ReportFlags flags, const GlobalOptions& global) {
  std::string format = flags.format.empty() ? FormatFromPath(flags.output) : flags.format;
  if (auto budget = analyzers::ParseIndexBudget(flags.scratch.budget); !budget.ok()) {
    std::cerr << budget.status().ToString() << "\n";
    return budget.status().ExitCode();
  }
  auto server = TuneRequestFromFlags(flags.hardware, MissingFacts::kAssume);
  if (!server.ok()) {
    std::cerr << server.status().ToString() << "\n";
    return kExitUsage;
  }
  // Application code among the inputs is scanned for SQL built from strings (section 1, security).
  const std::vector<std::string> code_paths = TakeCodePaths(&flags.inputs, {});
  auto read = LoadInputs(flags.inputs, flags.scratch, global);
  if (!read.ok()) {
    std::cerr << read.status().ToString() << "\n";
    return read.status().ExitCode();
  }
  sources::LoadedProject& loaded = read->project;
  const bool has_db = read->has_live_database;
  report::ReportInputs inputs;
  inputs.project_name = loaded.name;
  for (const auto& f : loaded.files) inputs.files.push_back({f.path, f.role, f.detail});
  inputs.has_workload = loaded.has_workload();
  inputs.has_live_database = has_db;
  inputs.server = *server;
  const model::Statistics* live = read->live_statistics ? &*read->live_statistics : nullptr;
  std::optional<report::ScratchEvidence> evidence;
  std::optional<analyzers::IndexAdvice> index_advice;
  if (!flags.scratch.no_verify) {
    ScratchRun run = RunScratch(loaded.catalog, loaded.workload, live, flags.scratch, global, {});
    evidence = std::move(run.evidence);
    index_advice = std::move(run.index_advice);
    inputs.has_data = evidence->ran;
    if (!evidence->ran && global.verbosity() != Verbosity::kQuiet) {
      std::cerr << "warning: not verified on a scratch PostgreSQL: " << evidence->not_run_reason << "\n";
    }
  }
  // Section 6's configuration, measured with pgbench and the workload replay when the report verifies on
  // scratch clusters anyway (after the workload's own verification, which is the report's main evidence).
  report::TuneReport configuration;
  {
    auto advice = analyzers::RecommendConfiguration(*server, loaded.catalog, loaded.workload, live);
    if (!advice.ok()) {
      std::cerr << advice.status().ToString() << "\n";
      return advice.status().ExitCode();
    }
    configuration.advice = std::move(advice).value();
    if (flags.scratch.no_verify) {
      configuration.benchmark_not_run = "--no-verify was given";
    } else if (flags.no_bench) {
      configuration.benchmark_not_run = "--no-bench was given";
    } else {
      BenchFlags bench = flags.bench;
      bench.pg_bindir = flags.scratch.pg_bindir;
      bench.rows = flags.scratch.rows;
      bench.data_scale = flags.scratch.scale;
      bench.seed = flags.scratch.seed;
      bench.repetitions = flags.scratch.repetitions;
      MeasureConfiguration(*server, loaded.catalog, loaded.workload, live, bench, global, &configuration);
    }
  }
  // `dbarch lint` over the same files: the migrations (in the order they apply, with the schema before each
  // statement) and the workload.
  Findings lint_findings;
  {
    std::vector<sql::ParsedFile> parsed;
    for (const auto& f : loaded.files) {
      if (f.role != "migration" && f.role != "schema" && f.role != "workload") continue;
      auto file = sql::ParseFile(f.path);
      if (file.ok()) parsed.push_back(std::move(file).value());
    }
    lint_findings = analyzers::LintFiles(parsed, {});
  }
  report::Report built = report::BuildReport(std::move(inputs), std::move(loaded.catalog),
                                             std::move(loaded.workload), std::move(loaded.diagnostics),
                                             std::move(index_advice), evidence ? &evidence->summaries : nullptr);
  built.scratch = std::move(evidence);
  built.configuration = std::move(configuration);
  {
    // Section 5's duration estimates, as `dbarch diff` makes them: from the live database's table sizes, else
    // from the scratch cluster's synthetic data; with neither, each step says what it scales with.
    const model::Statistics none;
    const model::Statistics* sizes = live != nullptr && !live->tables.empty() ? live
                                     : built.scratch && built.scratch->ran   ? &built.scratch->statistics
                                                                             : &none;
    analyzers::diff::EstimateStepDurations(*sizes, {}, &built.migration);
  }
  if (has_db) {
    // The live server's health (section 7) and its security settings (section 1), read-only like every --db read.
    verify::ConnectOptions options;
    options.conninfo = flags.scratch.db == "env" ? "" : flags.scratch.db;
    auto connection = verify::PgConnection::Connect(options);
    if (connection.ok()) {
      if (auto health = sources::ReadHealthSnapshot(*connection); health.ok()) {
        built.health_findings = analyzers::AnalyzeHealth(*health);
      } else if (global.verbosity() != Verbosity::kQuiet) {
        std::cerr << "warning: health checks not run: " << health.status().message() << "\n";
      }
      if (auto security = sources::ReadSecuritySnapshot(*connection); security.ok()) {
        built.security_findings = analyzers::AuditSecurity(built.catalog, &*security);
      }
      // Section 1 judges normal forms on the data: the largest tables, sampled (dbarch normalize --db).
      sources::TableSampleOptions sample;
      sample.max_rows = 5000;
      sample.max_tables = 20;
      if (auto samples = sources::SampleLiveTables(*connection, sample); samples.ok() && !samples->tables.empty()) {
        analyzers::NormalizeOptions normalize;
        normalize.fd.time_budget_s = 10;
        normalize.fd.threads = std::max(1u, std::thread::hardware_concurrency());
        if (auto judged = analyzers::Normalize(std::move(samples->tables), normalize); judged.ok()) {
          Findings forms = analyzers::normalize::NormalFormFindings(*judged);
          built.schema_findings.insert(built.schema_findings.end(), forms.begin(), forms.end());
        }
      }
    }
  }
  {
    std::vector<std::string> notes;
    Findings code = ScanCodeForInjection(code_paths, &notes, nullptr);
    built.security_findings.insert(built.security_findings.end(), code.begin(), code.end());
    if (global.verbosity() != Verbosity::kQuiet) {
      for (const auto& note : notes) std::cerr << "note: " << note << "\n";
    }
  }
  built.lint_findings = std::move(lint_findings);
  built.log_summary = std::move(read->log_summary);
  std::string text = format == "html" ? report::RenderHtml(built)
                     : format == "json" ? report::RenderJson(built)
                                        : report::RenderMarkdown(built);
  Status written = WriteOutput(flags.output, text);
  if (!written.ok()) {
    std::cerr << written.ToString() << "\n";
    return written.ExitCode();
  }
  if (!flags.output.empty() && flags.output != "-" && global.verbosity() != Verbosity::kQuiet) {
    std::cerr << fmt::format("Wrote {} report to {}\n", format, flags.output);
  }
  return kExitOk;
}

}  // namespace

void RegisterReportCommand(CLI::App* app, const GlobalOptions* global, int* exit_code) {
  auto flags = std::make_shared<ReportFlags>();
  CLI::App* cmd = app->add_subcommand(
      "report", "Write the architect's report (schema, data model, indexes, queries, migration plan, performance, monitoring)");
  AddInputFlags(cmd, &flags->inputs);
  AddScratchFlags(cmd, &flags->scratch);
  AddHardwareFlags(cmd, &flags->hardware, /*detect_missing=*/false);
  cmd->add_flag("--no-bench", flags->no_bench,
                "Do not measure the recommended configuration (section 6: pgbench and the workload replay)");
  AddBenchFlags(cmd, &flags->bench, 5);
  cmd->add_option("--format", flags->format, "html, md or json (default: from the -o extension, else md)")
      ->check(CLI::IsMember({"html", "md", "json"}));
  cmd->add_option("-o,--output", flags->output, "Output file (default: standard output)");
  cmd->callback([flags, global, exit_code] { *exit_code = Run(*flags, *global); });
}

}  // namespace dbarch::cli
