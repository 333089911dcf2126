// `dbarch diff FROM TO`: the zero-downtime migration plan from one schema to another. FROM and TO are DDL
// files, migration folders or live databases (postgresql:// URLs), in any combination.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <unistd.h>

#include <fmt/format.h>

#include "analyzers/diff/diff_planner.h"
#include "analyzers/diff/schema_diff.h"
#include "analyzers/diff/step_duration.h"
#include "cli/cli_common.h"
#include "report/diff_text.h"
#include "sources/live/live_statistics.h"
#include "verify/diff_roundtrip.h"
#include "verify/live_catalog.h"
#include "verify/pg_connection.h"
#include "verify/scratch_cluster.h"

namespace dbarch::cli {
namespace {

namespace fs = std::filesystem;

struct DiffFlags {
  std::string from, to;
  std::string format = "sql";
  std::string out;
  bool allow_data_loss = false;
  std::vector<std::string> renames;
  bool verify = false;
  int64_t rows = 5;
  std::string pg_bindir;
  int first_version = 1;
  analyzers::diff::PlanOptions plan;
};

bool IsDatabaseUrl(const std::string& source) {
  return source.rfind("postgresql://", 0) == 0 || source.rfind("postgres://", 0) == 0;
}

// `sizes`, when given, receives a live database's table sizes (for the step duration estimates).
Result<model::Catalog> LoadSchema(const std::string& source, const GlobalOptions& global,
                                  model::Statistics* sizes = nullptr) {
  if (IsDatabaseUrl(source)) {
    verify::ConnectOptions options;
    options.conninfo = source;
    auto connection = verify::PgConnection::Connect(options);
    if (!connection.ok()) return connection.status();
    std::vector<std::string> notes;
    auto catalog = verify::ReadLiveCatalog(*connection, {}, &notes);
    if (catalog.ok() && sizes) {
      auto stats = sources::ReadLiveStatistics(*connection, {.column_statistics = false});
      if (stats.ok()) *sizes = std::move(*stats);
      else notes.push_back("table sizes unreadable, steps are not estimated: " + stats.status().ToString());
    }
    if (global.verbosity() != Verbosity::kQuiet) {
      for (const auto& n : notes) std::cerr << "note: " << n << "\n";
    }
    return catalog;
  }
  sources::LoadOptions options;
  options.schema_paths.push_back(source);
  auto project = sources::LoadProject(options);
  if (!project.ok()) return project.status();
  PrintDiagnostics(project->diagnostics, global);
  return std::move(project->catalog);
}

// Writes every file into a temporary sibling folder first and moves them into `dir` only when all are
// complete, so an error leaves nothing half-written.
Status WriteFolder(const std::string& dir, const std::map<std::string, std::string>& files) {
  fs::path target(dir);
  fs::path temp = (target.has_parent_path() ? target.parent_path() : fs::path(".")) /
                  ("." + target.filename().string() + ".dbarch-tmp-" + std::to_string(getpid()));
  std::error_code ec;
  fs::remove_all(temp, ec);
  if (!fs::create_directories(temp, ec) || ec) return Status::IoError("cannot create " + temp.string() + ": " + ec.message());
  for (const auto& [name, content] : files) {
    std::ofstream out(temp / name, std::ios::binary);
    out << content;
    out.close();
    if (!out) {
      fs::remove_all(temp, ec);
      return Status::IoError("cannot write " + (target / name).string());
    }
  }
  if (!fs::exists(target)) {
    fs::rename(temp, target, ec);
  } else {
    for (const auto& [name, content] : files) {
      fs::rename(temp / name, target / name, ec);
      if (ec) break;
    }
    std::error_code ignored;
    fs::remove_all(temp, ignored);
  }
  if (ec) return Status::IoError("cannot move the plan into " + dir + ": " + ec.message());
  return Status::Ok();
}

int Run(const DiffFlags& flags, const GlobalOptions& global) {
  model::Statistics sizes;
  auto from = LoadSchema(flags.from, global, &sizes);
  if (!from.ok()) {
    std::cerr << from.status().ToString() << "\n";
    return from.status().ExitCode();
  }
  auto to = LoadSchema(flags.to, global);
  if (!to.ok()) {
    std::cerr << to.status().ToString() << "\n";
    return to.status().ExitCode();
  }
  analyzers::diff::DiffOptions diff_options;
  for (const auto& spec : flags.renames) {
    auto rename = analyzers::diff::ParseRename(spec, *from);
    if (!rename.ok()) {
      std::cerr << rename.status().ToString() << "\n";
      return kExitUsage;
    }
    diff_options.renames.push_back(*rename);
  }
  auto diff = analyzers::diff::DiffCatalogs(*from, *to, diff_options);
  if (!diff.ok()) {
    std::cerr << diff.status().ToString() << "\n";
    return diff.status().ExitCode();
  }
  analyzers::diff::PlanOptions plan_options = flags.plan;
  plan_options.allow_data_loss = flags.allow_data_loss;
  auto plan = analyzers::diff::PlanDiff(*diff, *to, plan_options);
  if (!plan.ok()) {
    std::cerr << plan.status().ToString() << "\n";
    return plan.status().ExitCode();
  }
  if (global.verbosity() != Verbosity::kQuiet) std::cerr << report::DiffSummary(*diff, *plan);

  // Verified before anything is written, so the JSON output can carry the verification.
  std::optional<verify::DiffRoundTripResult> verification;
  if (flags.verify) {
    verify::ScratchClusterOptions cluster_options;
    cluster_options.bindir = flags.pg_bindir;
    auto cluster = verify::ScratchCluster::Start(cluster_options);
    if (!cluster.ok()) {
      std::cerr << cluster.status().ToString() << "\n";
      return cluster.status().ExitCode();
    }
    auto result = verify::VerifyDiffRoundTrip(**cluster, *from, *to, *plan, {.rows_per_table = flags.rows});
    Status stopped = (*cluster)->Stop();
    if (!stopped.ok()) std::cerr << stopped.ToString() << "\n";
    if (!result.ok()) {
      std::cerr << "verify: " << result.status().ToString() << "\n";
      return result.status().ExitCode();
    }
    verification = std::move(*result);
  }

  // Live sizes of the source when it is a database, else the round trip's synthetic data.
  if (sizes.empty() && verification) sizes = verification->source_sizes;
  analyzers::diff::EstimateStepDurations(sizes, plan_options, &*plan);

  Status written = Status::Ok();
  if (flags.format == "flyway") {
    if (flags.out.empty()) {
      std::cerr << "error: --format flyway needs --out DIR\n";
      return kExitUsage;
    }
    written = WriteFolder(flags.out, report::DiffPlanFlyway(*plan, flags.first_version));
  } else if (flags.format == "json") {
    nlohmann::json doc = report::DiffPlanJson(*diff, *plan);
    if (verification) doc["verification"] = report::DiffVerificationJson(*verification);
    std::string json = doc.dump(2) + "\n";
    written = flags.out.empty() ? WriteOutput("", json) : WriteFolder(flags.out, {{"plan.json", json}});
  } else {
    std::string up = report::DiffPlanSql(*diff, *plan);
    written = flags.out.empty() ? WriteOutput("", up)
                                : WriteFolder(flags.out, {{"up.sql", up}, {"down.sql", report::DiffPlanDownSql(*plan)}});
  }
  if (!written.ok()) {
    std::cerr << written.ToString() << "\n";
    return written.ExitCode();
  }

  int exit_code = plan->refused.empty() ? kExitOk : kExitFindings;
  if (verification) {
    std::cerr << report::DiffVerificationText(*verification);
    if (!verification->ok()) exit_code = kExitFindings;
  }
  return exit_code;
}

}  // namespace

void RegisterDiffCommand(CLI::App* app, const GlobalOptions* global, int* exit_code) {
  auto flags = std::make_shared<DiffFlags>();
  CLI::App* cmd = app->add_subcommand("diff", "Plan a zero-downtime migration from one schema to another");
  cmd->add_option("FROM", flags->from, "Current schema: DDL file, migration folder or postgresql:// URL")->required();
  cmd->add_option("TO", flags->to, "Target schema: DDL file, migration folder or postgresql:// URL")->required();
  cmd->add_option("--format", flags->format, "sql (default), flyway or json")->check(CLI::IsMember({"sql", "flyway", "json"}));
  cmd->add_option("--out", flags->out, "Folder to write the plan to (sql: up.sql and down.sql; flyway: V/U files)");
  cmd->add_flag("--allow-data-loss", flags->allow_data_loss, "Include steps that drop tables or columns");
  cmd->add_option("--allow-rename", flags->renames, "Confirm a rename: old=new (table) or table.column=new_column")
      ->take_all()
      ->allow_extra_args(false);
  cmd->add_flag("--verify", flags->verify, "Prove the plan on a scratch PostgreSQL: up, down, up again");
  cmd->add_option("--rows", flags->rows, "Synthetic rows per table for --verify (default 5)");
  cmd->add_option("--pg-bindir", flags->pg_bindir, "Where PostgreSQL's initdb/postgres are");
  cmd->add_option("--first-version", flags->first_version, "Flyway version of the first step (default 1)");
  cmd->add_option("--batch-rows", flags->plan.backfill_batch_rows, "Rows per backfill batch (default 1000)");
  cmd->add_option("--batch-pause", flags->plan.backfill_pause_seconds, "Seconds between backfill batches (default 0.1)");
  cmd->add_option("--lock-timeout", flags->plan.lock_timeout, "lock_timeout for lock-taking steps (default 5s)");
  cmd->callback([flags, global, exit_code] { *exit_code = Run(*flags, *global); });
}

}  // namespace dbarch::cli
