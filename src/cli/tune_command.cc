// `dbarch tune [PATHS…]`: postgresql.conf, per-table autovacuum settings and pgbouncer.ini for the given
// hardware and workload, compared with a live server's settings (--db) and measured on scratch clusters
// (--verify): pgbench, and the workload's own statements replayed under both configurations.
#include <iostream>

#include <fmt/format.h>

#include "analyzers/tune.h"
#include "cli/cli_common.h"
#include "cli/scratch_flags.h"
#include "cli/tune_flags.h"
#include "report/tune_text.h"
#include "sources/live/pg_settings.h"
#include "verify/pg_connection.h"

namespace dbarch::cli {
namespace {

struct TuneFlags {
  sources::LoadOptions inputs;
  ScratchFlags scratch;  // only --db is offered
  HardwareFlags hardware;
  BenchFlags bench;
  int pg_version = 0;
  bool verify = false;
  std::string format = "text";
  std::string output;
  std::string pgbouncer;
  std::string pgbouncer_db = "app";
  std::string sql;
};

bool HasFiles(const sources::LoadOptions& inputs) {
  return !inputs.paths.empty() || !inputs.schema_paths.empty() || !inputs.workload_paths.empty() ||
         !inputs.log_paths.empty();
}

// The live server's settings and major version.
Result<std::vector<model::ServerSetting>> ReadLiveSettings(const std::string& db, int* server_major) {
  verify::ConnectOptions options;
  options.conninfo = db == "env" ? "" : db;
  auto connection = verify::PgConnection::Connect(options);
  if (!connection.ok()) return connection.status();
  *server_major = connection->server_version() / 10000;
  return sources::ReadServerSettings(*connection);
}

int Fail(const Status& status) {
  std::cerr << status.ToString() << "\n";
  return status.ExitCode();
}

int Run(const TuneFlags& flags, const GlobalOptions& global) {
  auto request = TuneRequestFromFlags(flags.hardware, MissingFacts::kDetect);
  if (!request.ok()) return Fail(request.status());
  request->server_major = flags.pg_version > 0 ? flags.pg_version : 15;

  Inputs inputs;
  if (HasFiles(flags.inputs) || !flags.scratch.db.empty()) {
    auto loaded = LoadInputs(flags.inputs, flags.scratch, global);
    if (!loaded.ok()) return Fail(loaded.status());
    inputs = std::move(loaded).value();
    PrintDiagnostics(inputs.project.diagnostics, global);
  }
  std::optional<std::vector<model::ServerSetting>> current;
  if (!flags.scratch.db.empty()) {
    int server_major = 0;
    auto settings = ReadLiveSettings(flags.scratch.db, &server_major);
    if (!settings.ok()) return Fail(settings.status());
    if (flags.pg_version == 0) request->server_major = server_major;
    current = std::move(settings).value();
  }

  const model::Statistics* live = inputs.live_statistics ? &*inputs.live_statistics : nullptr;
  auto advice = analyzers::RecommendConfiguration(*request, inputs.project.catalog, inputs.project.workload, live);
  if (!advice.ok()) return Fail(advice.status());
  report::TuneReport result;
  result.advice = std::move(advice).value();
  if (current) {
    result.differences = analyzers::CompareWithServer(result.advice, *current);
    result.risky = analyzers::FindRiskySettings(*current);
  }
  if (flags.verify) {
    MeasureConfiguration(*request, inputs.project.catalog, inputs.project.workload, live, flags.bench, global, &result);
  }

  const std::string text = flags.format == "json" ? report::TuneJson(result).dump(2) + "\n"
                           : flags.format == "md" ? report::RenderTuneMarkdown(result)
                                                  : report::RenderTuneText(result);
  const std::pair<std::string, std::string> outputs[] = {
      {flags.pgbouncer, report::RenderPgbouncerIni(result.advice, {.dbname = flags.pgbouncer_db})},
      {flags.sql, report::RenderTableOverridesSql(result.advice)},
      {flags.output.empty() ? std::string("-") : flags.output, text},
  };
  for (const auto& [path, content] : outputs) {
    if (path.empty()) continue;
    if (Status written = WriteOutput(path, content); !written.ok()) return Fail(written);
  }
  return kExitOk;
}

}  // namespace

void RegisterTuneCommand(CLI::App* app, const GlobalOptions* global, int* exit_code) {
  auto flags = std::make_shared<TuneFlags>();
  CLI::App* cmd = app->add_subcommand(
      "tune", "postgresql.conf, per-table autovacuum and PgBouncer settings for the hardware and workload, each "
              "with its reason; compared with a live server (--db) and measured with pgbench (--verify)");
  AddInputFlags(cmd, &flags->inputs);
  cmd->add_option("--db", flags->scratch.db,
                  "Live database URL: its statistics and pg_stat_statements shape the advice and its pg_settings "
                  "are compared with it (\"env\" = the PG* environment variables)");
  AddHardwareFlags(cmd, &flags->hardware, /*detect_missing=*/true);
  cmd->add_option("--pg-version", flags->pg_version, "Server major version (default: the live server's, else 15)")
      ->check(CLI::Range(10, 30));
  cmd->add_flag("--verify", flags->verify,
                "Measure PostgreSQL defaults vs the recommendation on scratch clusters: pgbench, and the workload's "
                "own statements replayed on the same schema and data");
  AddBenchFlags(cmd, &flags->bench, 10);
  cmd->add_option("--rows", flags->bench.rows,
                  "Workload replay: synthetic rows per table (default: by the table's role, or the live row counts)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--seed", flags->bench.seed, "Workload replay: random seed of the synthetic data (default 1)");
  cmd->add_option("--repetitions", flags->bench.repetitions,
                  "Workload replay: timed runs per statement and configuration after one warm-up (default 5)")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--pg-bindir", flags->bench.pg_bindir, "Folder with PostgreSQL's initdb, postgres and pgbench");
  cmd->add_option("--format", flags->format, "text (a postgresql.conf fragment), md or json")
      ->check(CLI::IsMember({"text", "md", "json"}));
  cmd->add_option("-o,--output", flags->output, "Output file (default: standard output)");
  cmd->add_option("--pgbouncer", flags->pgbouncer, "Also write pgbouncer.ini to this file (- = standard output)");
  cmd->add_option("--pgbouncer-db", flags->pgbouncer_db, "Database name in pgbouncer.ini (default: app)");
  cmd->add_option("--sql", flags->sql,
                  "Also write the per-table ALTER TABLE … SET statements to this file (- = standard output)");
  cmd->callback([flags, global, exit_code] { *exit_code = Run(*flags, *global); });
}

}  // namespace dbarch::cli
