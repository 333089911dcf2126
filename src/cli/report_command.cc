// `dbarch report`: the seven-section architect's report from a repository.
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "cli/cli_common.h"
#include "cli/scratch_flags.h"
#include "report/report.h"
#include "sources/live/live_statistics.h"
#include "sources/live/pg_stat_statements.h"
#include "verify/live_catalog.h"

namespace dbarch::cli {
namespace {

struct ReportFlags {
  sources::LoadOptions inputs;
  ScratchFlags scratch;
  std::string format;
  std::string output;
};

// What --db brings: the deployed schema (when no DDL files are given), statistics and the workload the server
// recorded. Everything read-only; what cannot be read becomes a note.
struct LiveInputs {
  std::optional<model::Statistics> statistics;
  std::vector<std::string> notes;
};

Result<LiveInputs> ReadLive(const ScratchFlags& flags, sources::LoadedProject* project, bool schema_from_files) {
  verify::ConnectOptions options;
  options.conninfo = flags.db == "env" ? "" : flags.db;
  auto connection = verify::PgConnection::Connect(options);
  if (!connection.ok()) return connection.status();
  LiveInputs live;
  if (!schema_from_files) {
    auto catalog = verify::ReadLiveCatalog(*connection, {}, &live.notes);
    if (!catalog.ok()) return catalog.status();
    project->catalog = std::move(catalog).value();
    if (project->name.empty()) project->name = connection->Describe();
  }
  auto statistics = sources::ReadLiveStatistics(*connection);
  if (statistics.ok()) {
    for (const auto& note : statistics->notes) live.notes.push_back(note);
    live.statistics = std::move(statistics).value();
  } else {
    live.notes.push_back("statistics could not be read: " + statistics.status().message());
  }
  DBARCH_RETURN_IF_ERROR(sources::AddPgStatStatements(*connection, project->catalog, {}, &project->workload, &live.notes));
  return live;
}

std::string FormatFromPath(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".html" || ext == ".htm") return "html";
  if (ext == ".json") return "json";
  return "md";
}

int Run(const ReportFlags& flags, const GlobalOptions& global) {
  std::string format = flags.format.empty() ? FormatFromPath(flags.output) : flags.format;
  const bool has_files = !flags.inputs.paths.empty() || !flags.inputs.schema_paths.empty() ||
                         !flags.inputs.workload_paths.empty();
  const bool has_db = !flags.scratch.db.empty();
  sources::LoadedProject loaded;
  if (has_files || !has_db) {
    auto project = LoadAndDescribe(flags.inputs, global);
    if (!project.ok()) {
      std::cerr << project.status().ToString() << "\n";
      return project.status().ExitCode();
    }
    loaded = std::move(project).value();
  }
  std::optional<LiveInputs> live;
  if (has_db) {
    auto read = ReadLive(flags.scratch, &loaded, loaded.has_schema());
    if (!read.ok()) {
      std::cerr << read.status().ToString() << "\n";
      return read.status().ExitCode();
    }
    live = std::move(read).value();
    for (const auto& note : live->notes) {
      Diagnostic d;
      d.severity = Severity::kWarning;
      d.code = "live-database";
      d.message = note;
      loaded.diagnostics.push_back(d);
      if (global.verbosity() != Verbosity::kQuiet) std::cerr << "warning: " << note << "\n";
    }
  }
  report::ReportInputs inputs;
  inputs.project_name = loaded.name;
  for (const auto& f : loaded.files) inputs.files.push_back({f.path, f.role, f.detail});
  inputs.has_workload = loaded.has_workload();
  inputs.has_live_database = has_db;
  std::optional<report::ScratchEvidence> evidence;
  if (!flags.scratch.no_verify) {
    const model::Statistics* shape = live && live->statistics ? &*live->statistics : nullptr;
    evidence = RunScratchEvidence(loaded.catalog, loaded.workload, shape, flags.scratch, global);
    inputs.has_data = evidence->ran;
    if (!evidence->ran && global.verbosity() != Verbosity::kQuiet) {
      std::cerr << "warning: not verified on a scratch PostgreSQL: " << evidence->not_run_reason << "\n";
    }
  }
  report::Report built = report::BuildReport(std::move(inputs), std::move(loaded.catalog),
                                             std::move(loaded.workload), std::move(loaded.diagnostics));
  built.scratch = std::move(evidence);
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
  cmd->add_option("--format", flags->format, "html, md or json (default: from the -o extension, else md)")
      ->check(CLI::IsMember({"html", "md", "json"}));
  cmd->add_option("-o,--output", flags->output, "Output file (default: standard output)");
  cmd->callback([flags, global, exit_code] { *exit_code = Run(*flags, *global); });
}

}  // namespace dbarch::cli
