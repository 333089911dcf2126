#include "cli/scratch_flags.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <iostream>

#include "analyzers/index_advisor/budget.h"
#include "cli/progress.h"
#include "sources/live/live_statistics.h"
#include "sources/live/pg_stat_statements.h"
#include "verify/denormalize_check.h"
#include "verify/index_advisor_run.h"
#include "verify/live_catalog.h"
#include "verify/scratch_environment.h"
#include "verify/workload_check.h"

namespace dbarch::cli {

void AddScratchFlags(CLI::App* command, ScratchFlags* flags) {
  command->add_option("--db", flags->db,
                      "Live PostgreSQL to read the schema, statistics and pg_stat_statements from (URL or conninfo; "
                      "\"env\" = PG* variables). Read-only; experiments still run on the scratch cluster");
  command->add_flag("--no-verify", flags->no_verify, "Do not start a scratch PostgreSQL (no plans, timings or data)");
  command->add_option("--rows", flags->rows, "Synthetic rows per table (default: by table role or live statistics)")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--scale", flags->scale, "Multiply every table's synthetic row count")->check(CLI::PositiveNumber);
  command->add_option("--seed", flags->seed, "Seed of the synthetic data (same seed, same data)");
  command->add_option("--repetitions", flags->repetitions, "Timed runs per query (after one warm-up)")
      ->check(CLI::Range(1, 1000));
  command->add_option("--pg-bindir", flags->pg_bindir, "Folder with PostgreSQL's initdb and postgres binaries");
  command->add_flag("--keep-scratch", flags->keep_scratch, "Keep the scratch cluster's directory for inspection");
  command->add_option("--budget", flags->budget,
                      "Storage for new indexes: 2GB, 500MB, or a share of the table data: 0.25x, 25% (default: none)");
  command->add_option("--max-indexes", flags->max_indexes, "At most this many new indexes (default: no limit)")
      ->check(CLI::NonNegativeNumber);
  command->add_flag("--no-measure", flags->no_measure,
                    "Choose indexes by planner cost only; do not build them for real and time the queries");
}

namespace {

// "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" → "PostgreSQL 15.18".
std::string ShortVersion(const std::string& version) {
  const size_t start = version.find("PostgreSQL) ");
  if (start == std::string::npos) return version;
  const size_t number = start + std::string("PostgreSQL) ").size();
  const size_t end = version.find(' ', number);
  return "PostgreSQL " + version.substr(number, end == std::string::npos ? std::string::npos : end - number);
}

}  // namespace

namespace {

Result<std::vector<std::string>> ReadLive(const ScratchFlags& flags, Inputs* inputs) {
  verify::ConnectOptions options;
  options.conninfo = flags.db == "env" ? "" : flags.db;
  auto connection = verify::PgConnection::Connect(options);
  if (!connection.ok()) return connection.status();
  std::vector<std::string> notes;
  sources::LoadedProject& project = inputs->project;
  if (!project.has_schema()) {
    auto catalog = verify::ReadLiveCatalog(*connection, {}, &notes);
    if (!catalog.ok()) return catalog.status();
    project.catalog = std::move(catalog).value();
    if (project.name.empty()) project.name = connection->Describe();
  }
  auto statistics = sources::ReadLiveStatistics(*connection);
  if (statistics.ok()) {
    for (const auto& note : statistics->notes) notes.push_back(note);
    inputs->live_statistics = std::move(statistics).value();
  } else {
    notes.push_back("statistics could not be read: " + statistics.status().message());
  }
  DBARCH_RETURN_IF_ERROR(sources::AddPgStatStatements(*connection, project.catalog, {}, &project.workload, &notes));
  return notes;
}

}  // namespace

Result<Inputs> LoadInputs(const sources::LoadOptions& files, const ScratchFlags& flags, const GlobalOptions& global) {
  Inputs inputs;
  const bool has_files = !files.paths.empty() || !files.schema_paths.empty() || !files.workload_paths.empty() ||
                         !files.log_paths.empty();
  inputs.has_live_database = !flags.db.empty();
  if (has_files || !inputs.has_live_database) {
    auto project = LoadAndDescribe(files, global, &inputs.log_summary);
    if (!project.ok()) return project.status();
    inputs.project = std::move(project).value();
  }
  if (inputs.has_live_database) {
    auto notes = ReadLive(flags, &inputs);
    if (!notes.ok()) return notes.status();
    for (const auto& note : *notes) {
      Diagnostic d;
      d.severity = Severity::kWarning;
      d.code = "live-database";
      d.message = note;
      inputs.project.diagnostics.push_back(d);
      if (global.verbosity() != Verbosity::kQuiet) std::cerr << "warning: " << note << "\n";
    }
  }
  return inputs;
}

ScratchRun RunScratch(const model::Catalog& catalog, const model::Workload& workload, const model::Statistics* live,
                      const ScratchFlags& flags, const GlobalOptions& global, const ScratchRunOptions& run_options) {
  ScratchRun run;
  report::ScratchEvidence& evidence = run.evidence;
  auto budget = analyzers::ParseIndexBudget(flags.budget);
  Progress progress(global);
  verify::ScratchEnvironmentOptions options;
  options.cluster.bindir = flags.pg_bindir;
  options.cluster.keep = flags.keep_scratch;
  options.statistics = live;
  options.data.seed = flags.seed;
  options.data.scale = flags.scale;
  if (flags.rows > 0) {
    for (const auto& [name, table] : catalog.tables) options.data.row_counts[name] = flags.rows;
  }
  options.progress = [&](const std::string& stage, int64_t done, int64_t total) { progress.Update(stage, done, total); };
  auto environment = verify::ScratchEnvironment::Prepare(catalog, options);
  if (!environment.ok()) {
    progress.Finish();
    evidence.not_run_reason = environment.status().message();
    run.index_advice = verify::AdviseIndexDropsOnly(catalog, live, evidence.not_run_reason);
    return run;
  }
  verify::ScratchEnvironment& env = **environment;
  evidence.ran = true;
  evidence.server_version = ShortVersion(env.server_version());
  evidence.data_origin = live != nullptr && !live->empty() ? "synthetic data shaped by the live database's statistics"
                                                           : "synthetic data";
  evidence.tables = env.data().tables;
  evidence.statistics = env.statistics();
  evidence.total_rows = env.data().total_rows;
  evidence.load_seconds = env.data().seconds;
  evidence.notes = env.notes();
  for (const std::string& note : env.data().notes) evidence.notes.push_back(note);
  verify::WorkloadCheckOptions check_options;
  check_options.timing.repetitions = flags.repetitions;
  check_options.progress = [&](int64_t done, int64_t total) { progress.Update("planning and timing queries", done, total); };
  if (run_options.check_workload) evidence.workload = verify::CheckWorkload(env, workload, check_options);
  if (run_options.check_rewrites) {
    verify::RewriteCheckOptions rewrite_options;
    rewrite_options.timing.repetitions = flags.repetitions;
    rewrite_options.progress = [&](int64_t done, int64_t total) { progress.Update("verifying query rewrites", done, total); };
    evidence.rewrites = verify::CheckRewrites(env, workload, analyzers::ProposeRewrites(catalog, workload), rewrite_options);
  }
  if (run_options.check_summaries) {
    verify::SummaryCheckOptions summary_options;
    summary_options.timing.repetitions = flags.repetitions;
    summary_options.progress = [&](int64_t done, int64_t total) { progress.Update("verifying summaries", done, total); };
    evidence.summaries =
        verify::CheckSummaries(env, workload, analyzers::ProposeSummaries(catalog, workload), summary_options);
  }
  if (run_options.advise_indexes) {
    verify::IndexAdvisorRunOptions advisor;
    advisor.live = live;
    advisor.measure = !flags.no_measure;
    advisor.timing.repetitions = flags.repetitions;
    if (budget.ok()) {
      advisor.advisor.budget_bytes = budget->bytes;
      advisor.advisor.budget_fraction = budget->fraction;
    }
    advisor.advisor.max_indexes = flags.max_indexes;
    advisor.progress = [&](const std::string& stage, int64_t done, int64_t total) { progress.Update(stage, done, total); };
    if (std::getenv("DBARCH_DEBUG_ADVISOR") != nullptr) {
      advisor.trace = [](const std::string& line) { std::cerr << "advisor: " << line << "\n"; };
    }
    run.index_advice = verify::AdviseIndexes(env, catalog, workload, advisor);
  }
  progress.Finish();
  return run;
}

ScratchRun RunScratchFor(const Inputs& inputs, const ScratchFlags& flags, const GlobalOptions& global,
                         const ScratchRunOptions& run_options, std::string* not_verified) {
  const model::Statistics* live = inputs.live_statistics ? &*inputs.live_statistics : nullptr;
  ScratchRun run = RunScratch(inputs.project.catalog, inputs.project.workload, live, flags, global, run_options);
  *not_verified = run.evidence.ran ? "" : "no scratch PostgreSQL: " + run.evidence.not_run_reason;
  if (!run.evidence.ran && global.verbosity() != Verbosity::kQuiet) std::cerr << "warning: " << *not_verified << "\n";
  return run;
}

}  // namespace dbarch::cli
