#include "cli/scratch_flags.h"

#include <fmt/format.h>

#include "cli/progress.h"
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

report::ScratchEvidence RunScratchEvidence(const model::Catalog& catalog, const model::Workload& workload,
                                           const model::Statistics* live, const ScratchFlags& flags,
                                           const GlobalOptions& global) {
  report::ScratchEvidence evidence;
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
    return evidence;
  }
  verify::ScratchEnvironment& env = **environment;
  evidence.ran = true;
  evidence.server_version = ShortVersion(env.server_version());
  evidence.data_origin = live != nullptr && !live->empty() ? "synthetic data shaped by the live database's statistics"
                                                           : "synthetic data";
  evidence.tables = env.data().tables;
  evidence.total_rows = env.data().total_rows;
  evidence.load_seconds = env.data().seconds;
  evidence.notes = env.notes();
  for (const std::string& note : env.data().notes) evidence.notes.push_back(note);
  verify::WorkloadCheckOptions check_options;
  check_options.timing.repetitions = flags.repetitions;
  check_options.progress = [&](int64_t done, int64_t total) { progress.Update("planning and timing queries", done, total); };
  evidence.workload = verify::CheckWorkload(env, workload, check_options);
  progress.Finish();
  return evidence;
}

}  // namespace dbarch::cli
