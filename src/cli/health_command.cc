// `dbarch health --db URL`: reads a health snapshot of a running PostgreSQL (read-only session with timeouts)
// or a saved one (--snapshot FILE.json), runs the health checks and prints the findings with evidence and
// fixes. Exit 1 when a finding is at or above --fail-on (default warning); 2 for bad input (flags, a
// malformed snapshot file); 3 when the database cannot be reached or an output cannot be written.
#include <iostream>

#include <fmt/format.h>

#include "analyzers/health.h"
#include "cli/cli_common.h"
#include "report/health_text.h"
#include "sources/live/health_snapshot.h"
#include "sql/source_text.h"
#include "verify/pg_connection.h"

namespace dbarch::cli {
namespace {

struct HealthFlags {
  std::string db;
  std::string snapshot;
  std::string save_snapshot;
  std::string format = "text";
  std::string output;
  std::string fail_on = "warning";
  std::vector<std::string> thresholds;
};

int Fail(const Status& status) {
  std::cerr << status.ToString() << "\n";
  return status.ExitCode();
}

Result<sources::HealthSnapshot> LoadSnapshot(const HealthFlags& flags) {
  if (!flags.snapshot.empty()) {
    auto text = sql::SourceText::ReadFile(flags.snapshot);
    if (!text.ok()) return text.status();
    return sources::HealthSnapshotFromJson(text->content(), text->name());
  }
  verify::ConnectOptions options;
  options.conninfo = flags.db == "env" ? "" : flags.db;
  auto connection = verify::PgConnection::Connect(options);
  if (!connection.ok()) return connection.status();
  return sources::ReadHealthSnapshot(*connection);
}

int Run(const HealthFlags& flags, const GlobalOptions& global) {
  if (!flags.db.empty() && !flags.snapshot.empty()) {
    return Fail(Status::InvalidInput("--db and --snapshot exclude each other: analyze a live server or a saved snapshot"));
  }
  analyzers::HealthThresholds thresholds;
  for (const std::string& assignment : flags.thresholds) {
    if (Status set = analyzers::SetHealthThreshold(&thresholds, assignment); !set.ok()) return Fail(set);
  }
  std::optional<Severity> fail_on = flags.fail_on == "never" ? std::nullopt : ParseSeverity(flags.fail_on);
  auto snapshot = LoadSnapshot(flags);
  if (!snapshot.ok()) return Fail(snapshot.status());
  if (!flags.save_snapshot.empty()) {
    if (Status written = WriteOutput(flags.save_snapshot, sources::ToJson(*snapshot).dump(2) + "\n"); !written.ok()) {
      return Fail(written);
    }
  }
  if (global.verbosity() != Verbosity::kQuiet) {
    for (const std::string& note : snapshot->notes) std::cerr << "note: " << note << "\n";
  }
  const Findings findings = analyzers::AnalyzeHealth(*snapshot, thresholds);
  std::string text;
  if (flags.format == "json") {
    text = report::HealthJson(*snapshot, findings).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  } else if (flags.format == "md") {
    text = report::HealthMarkdown(*snapshot, findings);
  } else {
    text = report::HealthText(*snapshot, findings);
  }
  if (Status written = WriteOutput(flags.output, text); !written.ok()) return Fail(written);
  for (const Finding& finding : findings) {
    if (fail_on && finding.severity >= *fail_on) return kExitFindings;
  }
  return kExitOk;
}

}  // namespace

void RegisterHealthCommand(CLI::App* app, const GlobalOptions* global, int* exit_code) {
  auto flags = std::make_shared<HealthFlags>();
  CLI::App* cmd = app->add_subcommand(
      "health", "Health checks of a running PostgreSQL: bloat, vacuum, wraparound, sequences, sessions and locks, "
                "connections, cache, indexes, replication, checkpoints, temp files — each with evidence and a fix");
  cmd->add_option("--db", flags->db,
                  "Database URL or key=value conninfo ('env' or nothing: the PG* environment variables); the session "
                  "is read-only with statement and lock timeouts");
  cmd->add_option("--snapshot", flags->snapshot, "Analyze a snapshot saved with --save-snapshot instead of a live server");
  cmd->add_option("--save-snapshot", flags->save_snapshot, "Also write the snapshot read to this JSON file");
  cmd->add_option("--format", flags->format, "text, md or json")->check(CLI::IsMember({"text", "md", "json"}));
  cmd->add_option("-o,--output", flags->output, "Output file (default: standard output)");
  cmd->add_option("--fail-on", flags->fail_on, "Exit 1 on findings at or above: error, warning (default), info, never")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}));
  cmd->add_option("--threshold", flags->thresholds,
                  "Override a threshold, NAME=VALUE (repeatable; names and defaults in docs/health.md)");
  cmd->callback([flags, global, exit_code] { *exit_code = Run(*flags, *global); });
}

}  // namespace dbarch::cli
